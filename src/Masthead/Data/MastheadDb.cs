using Masthead.Articles;
using Masthead.Articles.Editing;
using Masthead.Authors;
using Masthead.Media;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Links;
using Masthead.Publishing.Settings;
using Masthead.Staff;
using Masthead.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Masthead.Data;

/// <summary>
/// The one DbContext. Each store has a thin subclass (<see cref="SqliteMastheadDb"/>, <see cref="PostgresMastheadDb"/>)
/// only so that each keeps its own migrations; the model is defined once, here.
/// </summary>
public abstract class MastheadDb(DbContextOptions options) : DbContext(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>Set when a save staged publication events; the dispatcher is woken once they commit, and only then.</summary>
    internal bool WroteEvents { get; set; }
    /// <summary>The cache keys of the events staged since the last commit: this process evicts them once they commit.</summary>
    internal HashSet<string> StagedKeys { get; } = new(StringComparer.Ordinal);
    /// <summary>The events staged since the last commit: once committed, their ids tell other readers this process has seen them.</summary>
    internal List<Events.PublicationEvent> StagedEvents { get; } = [];

    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Vocabulary> Vocabularies => Set<Vocabulary>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<ArticleRevision> Revisions => Set<ArticleRevision>();
    public DbSet<ArticleNote> Notes => Set<ArticleNote>();
    public DbSet<MediaItem> Media => Set<MediaItem>();
    public DbSet<LinkCheck> LinkChecks => Set<LinkCheck>();
    public DbSet<Redirect> Redirects => Set<Redirect>();
    public DbSet<ContentApi.ContentApiKey> ContentApiKeys => Set<ContentApi.ContentApiKey>();
    public DbSet<Comments.Comment> Comments => Set<Comments.Comment>();
    public DbSet<ArticleDraft> Drafts => Set<ArticleDraft>();
    public DbSet<Events.PublicationEvent> PublicationEvents => Set<Events.PublicationEvent>();
    public DbSet<Events.EventDelivery> EventDeliveries => Set<Events.EventDelivery>();
    public DbSet<Members.Member> Members => Set<Members.Member>();
    public DbSet<Members.Tier> Tiers => Set<Members.Tier>();
    public DbSet<Members.Label> Labels => Set<Members.Label>();
    public DbSet<Members.MemberLink> MemberLinks => Set<Members.MemberLink>();
    public DbSet<Newsletters.Newsletter> Newsletters => Set<Newsletters.Newsletter>();
    public DbSet<Newsletters.NewsletterSend> NewsletterSends => Set<Newsletters.NewsletterSend>();
    public DbSet<Newsletters.SendRecipient> SendRecipients => Set<Newsletters.SendRecipient>();
    /// <summary>The keys that sign cookies and form tokens, shared by every server on PostgreSQL (SQLite keeps them in data/keys).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite hands DateTime back without a Kind; every time in Masthead is UTC, so say so on the way in and out.
        conventions.Properties<DateTime>().HaveConversion<UtcConverter>();
        conventions.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        // Each capability configures its own entities beside them (IEntityTypeConfiguration<T>).
        model.ApplyConfigurationsFromAssembly(typeof(MastheadDb).Assembly);
        // Settings keep a version column on PostgreSQL too: the content stamp rewrites that row on every public change,
        // which would move its xmin and make every open settings form look stale.
        ConcurrencyVersions.Configure(model, this is PostgresMastheadDb, typeof(Article), typeof(Term), typeof(Vocabulary), typeof(Person),
            typeof(Members.Member));
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : DateTime.SpecifyKind(toStore, DateTimeKind.Utc),
        fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
}

public sealed class SqliteMastheadDb(DbContextOptions<SqliteMastheadDb> options) : MastheadDb(options);

public sealed class PostgresMastheadDb(DbContextOptions<PostgresMastheadDb> options) : MastheadDb(options);
