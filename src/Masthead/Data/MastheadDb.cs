using Masthead.Articles;
using Masthead.Articles.Editing;
using Masthead.Media;
using Masthead.Staff;
using Masthead.Authors;
using Masthead.Publishing;
using Masthead.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Masthead.Data;

/// <summary>
/// The one DbContext. Each store has a thin subclass (<see cref="SqliteMastheadDb"/>, <see cref="PostgresMastheadDb"/>)
/// only so that each keeps its own migrations; the model is defined once, here.
/// </summary>
public abstract class MastheadDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Vocabulary> Vocabularies => Set<Vocabulary>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<ArticleRevision> Revisions => Set<ArticleRevision>();
    public DbSet<ArticleNote> Notes => Set<ArticleNote>();
    public DbSet<MediaItem> Media => Set<MediaItem>();
    public DbSet<LinkCheck> LinkChecks => Set<LinkCheck>();
    public DbSet<Redirect> Redirects => Set<Redirect>();
    public DbSet<ContentApi.ContentApiKey> ContentApiKeys => Set<ContentApi.ContentApiKey>();
    public DbSet<Comments.Comment> Comments => Set<Comments.Comment>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite hands DateTime back without a Kind; every time in Masthead is UTC, so say so on the way in and out.
        conventions.Properties<DateTime>().HaveConversion<UtcConverter>();
        conventions.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Article>(article =>
        {
            article.HasIndex(a => a.Slug).IsUnique();
            article.HasIndex(a => a.SourceId).IsUnique();
            article.HasIndex(a => a.Uuid);
            article.HasIndex(a => new { a.Status, a.PublishedAt });
            article.HasIndex(a => new { a.Status, a.IsPage, a.PublishedAt });
            article.Property(a => a.Slug).HasMaxLength(200);
            article.Property(a => a.Headline).HasMaxLength(500);
            article.Property(a => a.SourceId).HasMaxLength(300);
            article.OwnsOne(a => a.Origin, origin =>
            {
                origin.Property(o => o.Outlet).HasColumnName("OriginOutlet").HasMaxLength(300);
                origin.Property(o => o.Url).HasColumnName("OriginUrl").HasMaxLength(2000);
                origin.Property(o => o.OriginalDate).HasColumnName("OriginDate");
                origin.Property(o => o.IsCanonical).HasColumnName("OriginIsCanonical");
            });
            article.HasMany(a => a.Bylines).WithOne().HasForeignKey(b => b.ArticleId).OnDelete(DeleteBehavior.Cascade);
            article.HasMany(a => a.Terms).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
            article.HasMany(a => a.Notes).WithOne().HasForeignKey(n => n.ArticleId).OnDelete(DeleteBehavior.Cascade);
            article.Property(a => a.FeaturedImage).HasMaxLength(2000);
        });

        model.Entity<ArticleRevision>(revision =>
        {
            revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
            revision.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
            revision.Property(r => r.Action).HasMaxLength(200);
            revision.Property(r => r.StaffName).HasMaxLength(300);
        });

        model.Entity<StaffMember>(staff =>
        {
            staff.ToTable("Staff");
            staff.HasIndex(s => s.Email).IsUnique();
            staff.HasIndex(s => s.InviteTokenHash).IsUnique();
            staff.Property(s => s.Email).HasMaxLength(320);
            staff.Property(s => s.Name).HasMaxLength(300);
            staff.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<MediaItem>(media =>
        {
            media.HasIndex(m => m.Hash).IsUnique();
            media.Property(m => m.Hash).HasMaxLength(64);
            media.Property(m => m.Extension).HasMaxLength(10);
            media.Property(m => m.ContentType).HasMaxLength(100);
            media.Property(m => m.OriginalName).HasMaxLength(300);
        });

        model.Entity<LinkCheck>(check =>
        {
            check.HasIndex(c => c.Url).IsUnique();
            check.Property(c => c.Url).HasMaxLength(2000);
            check.Property(c => c.Host).HasMaxLength(300);
            check.Property(c => c.RedirectTo).HasMaxLength(2000);
            check.Property(c => c.Error).HasMaxLength(500);
        });

        model.Entity<Redirect>(redirect =>
        {
            redirect.HasIndex(r => r.FromPath).IsUnique();
            redirect.Property(r => r.FromPath).HasMaxLength(500);
            redirect.Property(r => r.ToPath).HasMaxLength(500);
        });

        model.Entity<Byline>(byline =>
        {
            byline.HasKey(b => new { b.ArticleId, b.PersonId });
            byline.HasOne(b => b.Person).WithMany().HasForeignKey(b => b.PersonId).OnDelete(DeleteBehavior.Restrict);
            byline.HasIndex(b => b.PersonId);
        });

        model.Entity<ArticleTerm>(term =>
        {
            term.ToTable("ArticleTerms");
            term.HasKey(t => new { t.ArticleId, t.TermId });
            term.HasOne(t => t.Term).WithMany().HasForeignKey(t => t.TermId).OnDelete(DeleteBehavior.Restrict);
            term.HasIndex(t => t.TermId);
        });

        model.Entity<Person>(person =>
        {
            person.ToTable("People");
            person.HasIndex(p => p.Slug).IsUnique();
            person.Property(p => p.Slug).HasMaxLength(200);
            person.Property(p => p.Name).HasMaxLength(300);
        });

        model.Entity<Vocabulary>(vocabulary =>
        {
            vocabulary.HasIndex(v => v.Slug).IsUnique();
            vocabulary.Property(v => v.Slug).HasMaxLength(100);
            vocabulary.Property(v => v.Name).HasMaxLength(100);
            vocabulary.HasMany(v => v.Terms).WithOne(t => t.Vocabulary).HasForeignKey(t => t.VocabularyId);
        });

        model.Entity<Term>(term =>
        {
            term.HasIndex(t => new { t.VocabularyId, t.Slug }).IsUnique();
            term.Property(t => t.Slug).HasMaxLength(200);
            term.Property(t => t.Name).HasMaxLength(300);
            term.HasOne<Term>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<Comments.Comment>(comment =>
        {
            comment.HasOne<Article>().WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
            comment.HasOne<Comments.Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.SetNull);
            comment.HasIndex(c => new { c.ArticleId, c.Status, c.CreatedAt });
            comment.HasIndex(c => c.SourceId).IsUnique();
            comment.Property(c => c.AuthorName).HasMaxLength(300);
            comment.Property(c => c.AuthorEmail).HasMaxLength(320);
            comment.Property(c => c.AuthorUrl).HasMaxLength(2000);
            comment.Property(c => c.SourceId).HasMaxLength(300);
        });

        model.Entity<ContentApi.ContentApiKey>(key =>
        {
            key.HasIndex(k => k.Secret).IsUnique();
            key.HasIndex(k => k.Name).IsUnique();
            key.Property(k => k.Secret).HasMaxLength(ContentApi.ContentKeys.Length);
            key.Property(k => k.Name).HasMaxLength(200);
        });

        model.Entity<SiteSettings>(settings =>
        {
            settings.Property(s => s.Id).ValueGeneratedNever();
            settings.Property(s => s.Name).HasMaxLength(200);
            settings.Property(s => s.TimeZone).HasMaxLength(100);
        });
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : DateTime.SpecifyKind(toStore, DateTimeKind.Utc),
        fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
}

public sealed class SqliteMastheadDb(DbContextOptions<SqliteMastheadDb> options) : MastheadDb(options);

public sealed class PostgresMastheadDb(DbContextOptions<PostgresMastheadDb> options) : MastheadDb(options);
