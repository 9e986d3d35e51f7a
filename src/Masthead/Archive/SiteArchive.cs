using System.Text.Json;
using Masthead.Articles;
using Masthead.Articles.Editing;
using Masthead.Authors;
using Masthead.Comments;
using Masthead.Data;
using Masthead.Importing;
using Masthead.Media;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Body;
using Masthead.Publishing.Settings;
using Masthead.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Archive;

/// <summary>`masthead export all DIR` and `masthead import all DIR`: the whole site in <see cref="ArchiveFormat"/>.</summary>
public sealed class SiteArchive(MastheadDb db, BodyRenderer renderer, MediaLibrary media, TaxonomyEditor taxonomy, PeopleEditor peopleEditor,
    CommentsEditor commentsEditor, SettingsEditor settingsEditor)
{
    private const string SiteFile = "site.json", CommentsFile = "comments.json", MediaFile = "media.json", MembersFile = "members.json";

    // PostgreSQL keeps microseconds, SQLite ticks: an archive says what both hold, so that it is the same from either.
    private static DateTime Micro(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);
    private static DateTime? Micro(DateTime? t) => t is { } v ? Micro(v) : null;

    public async Task<int> ExportAsync(string directory, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(Path.Combine(directory, "articles"));
        Directory.CreateDirectory(Path.Combine(directory, "media"));
        var s = await db.SiteSettings.AsNoTracking().SingleAsync(cancellation);
        var vocabularies = await db.Vocabularies.AsNoTracking().Include(v => v.Terms).OrderBy(v => v.Position).ThenBy(v => v.Slug).ToListAsync(cancellation);
        var termKeys = vocabularies.SelectMany(v => v.Terms.Select(t => (t.Id, Key: new ArchiveTermRef(v.Slug, t.Slug)))).ToDictionary(x => x.Id, x => x.Key);
        var people = await db.People.AsNoTracking().OrderBy(p => p.Slug).ToListAsync(cancellation);
        var personSlugs = people.ToDictionary(p => p.Id, p => p.Slug);
        await WriteAsync(Path.Combine(directory, SiteFile), new ArchiveSite(ArchiveFormat.Name, ArchiveFormat.Version,
            new ArchiveSettings(s.Name, s.Tagline, s.TimeZone, s.PageSize, s.Disclaimer, s.CopyrightNotice, s.RepublicationPolicy, s.ReaderNote,
                s.MediaContact, s.MembershipCall, s.CommentCall, s.MaxUploadMegabytes, s.RefuseBrokenLinks, s.FeedFullContent, s.SiteUuid,
                s.CommentsMode, s.CommentsCloseAfterDays, s.CommentsHoldFirst, s.CommentsMaxLinks, s.CommentsBlockedWords, s.Logo, s.Icon),
            vocabularies.Select(v => new ArchiveVocabulary(v.Slug, v.Name, v.Position, v.Terms.OrderBy(t => t.Slug)
                .Select(t => new ArchiveTerm(t.Slug, t.Name, t.ParentId is { } p ? termKeys[p].Term : null)).ToList())).ToList(),
            people.Select(p => new ArchivePerson(p.Slug, p.Name, p.Bio, p.Photo)).ToList(),
            (await db.Redirects.AsNoTracking().OrderBy(r => r.FromPath).ToListAsync(cancellation)).Select(r => new ArchiveRedirect(r.FromPath, r.ToPath)).ToList()),
            cancellation);

        var count = 0;
        var slugs = new Dictionary<int, string>();
        var articles = db.Articles.AsNoTracking().AsSplitQuery().OrderBy(a => a.Slug)
            .Include(a => a.Bylines).Include(a => a.Terms).Include(a => a.Notes).AsAsyncEnumerable();
        await foreach (var a in articles.WithCancellation(cancellation))
        {
            slugs[a.Id] = a.Slug;
            var revisions = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == a.Id).OrderBy(r => r.Number).ToListAsync(cancellation);
            await File.WriteAllTextAsync(Path.Combine(directory, "articles", a.Slug + ".md"), a.BodyMarkdown, cancellation);
            await WriteAsync(Path.Combine(directory, "articles", a.Slug + ".json"), new ArchiveArticle(
                a.Uuid, a.Slug, a.Headline, a.Dek, a.Status, Micro(a.PublishedAt), Micro(a.CreatedAt), Micro(a.UpdatedAt), a.Dateline,
                a.Origin is { } o ? new ArchiveOrigin(o.Outlet, o.Url, o.OriginalDate, o.IsCanonical) : null, a.ReaderNote, a.SourceId,
                a.FeaturedImage, a.Featured,
                a.Bylines.OrderBy(b => b.Position).Select(b => personSlugs[b.PersonId]).ToList(),
                a.Terms.OrderBy(t => t.Position).Select(t => termKeys[t.TermId]).ToList(),
                a.Notes.OrderBy(n => n.At).ThenBy(n => n.Kind).Select(n => new ArchiveNote(n.Kind, n.Text, Micro(n.At), Micro(n.AmendedAt))).ToList(),
                revisions.Select(r => new ArchiveRevision(r.Number, Micro(r.CreatedAt), r.StaffName, r.Action,
                    ToArchive(ArticleSnapshot.FromJson(r.Snapshot), personSlugs, termKeys))).ToList(), a.IsPage, a.Visibility, a.CommentsMode,
                a.FeaturedImageAlt, a.FeaturedImageCaption), cancellation);
            count++;
        }

        var comments = (await db.Comments.AsNoTracking().ToListAsync(cancellation))
            .OrderBy(c => slugs[c.ArticleId], StringComparer.Ordinal).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id).ToList();
        var index = comments.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var memberUuids = await db.Members.AsNoTracking().Where(m => db.Comments.Any(c => c.MemberId == m.Id)).ToDictionaryAsync(m => m.Id, m => m.Uuid, cancellation);
        await WriteAsync(Path.Combine(directory, CommentsFile), comments.Select(c => new ArchiveComment(slugs[c.ArticleId],
            c.ParentId is { } p ? index[p] : null, c.AuthorName, c.AuthorEmail, c.AuthorUrl, c.BodyHtml, Micro(c.CreatedAt), c.Status, c.SourceId,
            c.BodyText, c.HeldFor, c.Flags, c.NotifyReplies, Micro(c.EditedAt), c.MemberId is { } m ? memberUuids[m] : null)).ToList(), cancellation);

        var items = await db.Media.AsNoTracking().OrderBy(m => m.Hash).ToListAsync(cancellation);
        foreach (var item in items)
            foreach (var file in FilesOf(item))
                File.Copy(media.PathOf(file), Path.Combine(directory, "media", file), overwrite: true);
        await WriteAsync(Path.Combine(directory, MediaFile), items.Select(m => new ArchiveMedia(m.Hash, m.Extension, m.ContentType, m.OriginalName,
            m.Size, m.Width, m.Height, m.Alt, Micro(m.UploadedAt), m.Caption, m.Variants)).ToList(), cancellation);
        await WriteAsync(Path.Combine(directory, MembersFile), await MembershipAsync(cancellation), cancellation);
        return count;
    }

    private static ArchiveSnapshot ToArchive(ArticleSnapshot s, Dictionary<int, string> people, Dictionary<int, ArchiveTermRef> terms) => new(
        s.Headline, s.Dek, s.Slug, s.Dateline, s.BodyMarkdown, s.Status, Micro(s.PublishedAt),
        s.Bylines.Select(b => new ArchiveSnapshotByline(people.GetValueOrDefault(b.PersonId), b.Name)).ToList(),
        s.Terms.Select(t => new ArchiveSnapshotTerm(terms.GetValueOrDefault(t.TermId)?.Vocabulary, terms.GetValueOrDefault(t.TermId)?.Term, t.Vocabulary, t.Name)).ToList(),
        s.OriginOutlet, s.OriginUrl, s.OriginDate, s.ReaderNote, s.FeaturedImage,
        s.Notes.Select(n => new ArchiveNote(n.Kind, n.Text, Micro(n.At), null)).ToList(), s.OriginIsCanonical, s.FeaturedImageAlt, s.FeaturedImageCaption);

    /// <summary>A picture's files: the full-size copy and its resized ones, each format.</summary>
    private static IEnumerable<string> FilesOf(MediaItem item) =>
        item.VariantWidths.SelectMany(w => ImageVariants.Formats(item.Extension).Select(format => ImageVariants.FileName(item.Hash, w, format))).Prepend(item.FileName);

    private static async Task WriteAsync<T>(string file, T value, CancellationToken cancellation)
    {
        await using var stream = File.Create(file);
        await JsonSerializer.SerializeAsync(stream, value, ArchiveFormat.Json, cancellation);
    }

    private async Task<ArchiveMembership> MembershipAsync(CancellationToken cancellation)
    {
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Position).ThenBy(t => t.Slug).ToListAsync(cancellation);
        var tierSlugs = tiers.ToDictionary(t => t.Id, t => t.Slug);
        var members = await db.Members.AsNoTracking().AsSplitQuery().Include(m => m.Labels).Include(m => m.Newsletters).OrderBy(m => m.Email).ToListAsync(cancellation);
        return new ArchiveMembership(
            tiers.Select(t => new ArchiveTier(t.Slug, t.Name, t.Description, t.IsFree, t.MonthlyPrice, t.YearlyPrice, t.Currency, t.Active, t.Position)).ToList(),
            (await db.Newsletters.AsNoTracking().OrderBy(n => n.Position).ThenBy(n => n.Slug).ToListAsync(cancellation))
                .Select(n => new ArchiveNewsletter(n.Uuid, n.Slug, n.Name, n.Description, n.SenderName, n.ReplyTo, n.SubscribeOnSignUp, n.Active, n.Position)).ToList(),
            (await db.Labels.AsNoTracking().OrderBy(l => l.Slug).ToListAsync(cancellation)).Select(l => new ArchiveLabel(l.Slug, l.Name)).ToList(),
            members.Select(m => new ArchiveMember(m.Uuid, m.Email, m.Name, m.Note, Micro(m.CreatedAt), m.TierId is { } t ? tierSlugs[t] : null, m.Complimentary,
                m.PaymentCustomerId, Micro(m.BouncedAt), m.BounceReason, m.Labels.Select(l => l.Slug).Order(StringComparer.Ordinal).ToList(),
                m.Newsletters.Select(n => n.Slug).Order(StringComparer.Ordinal).ToList())).ToList());
    }

    /// <summary>
    /// Members as the archive has them, by their exact address, uuid and dates (like people, restored as they were, not
    /// found again); the free tier that every site starts with takes the archive's free tier.
    /// </summary>
    private async Task RestoreMembershipAsync(string file, ArchiveMembership membership, CancellationToken cancellation)
    {
        T Named<T>(Dictionary<string, T> known, string slug, string what, string email) =>
            known.TryGetValue(slug, out var found) ? found : throw new ImportError(file, 0, $"member {email}: there is no {what} '{slug}' in the archive");
        var tiers = new Dictionary<string, Members.Tier>();
        foreach (var t in membership.Tiers)
        {
            var tier = t.IsFree ? await db.Tiers.FirstOrDefaultAsync(x => x.IsFree, cancellation) : null;
            tier ??= db.Tiers.Add(new Members.Tier { Slug = t.Slug, Name = t.Name }).Entity;
            (tier.Slug, tier.Name, tier.Description, tier.IsFree, tier.MonthlyPrice, tier.YearlyPrice, tier.Currency, tier.Active, tier.Position) =
                (t.Slug, t.Name, t.Description, t.IsFree, t.MonthlyPrice, t.YearlyPrice, t.Currency, t.Active, t.Position);
            tiers[t.Slug] = tier;
        }
        var newsletters = membership.Newsletters.ToDictionary(n => n.Slug, n => db.Newsletters.Add(new Newsletters.Newsletter
        {
            Uuid = n.Uuid, Slug = n.Slug, Name = n.Name, Description = n.Description, SenderName = n.SenderName, ReplyTo = n.ReplyTo,
            SubscribeOnSignUp = n.SubscribeOnSignUp, Active = n.Active, Position = n.Position,
        }).Entity);
        var labels = membership.Labels.ToDictionary(l => l.Slug, l => db.Labels.Add(new Members.Label { Slug = l.Slug, Name = l.Name }).Entity);
        foreach (var m in membership.Members)
        {
            var member = new Members.Member
            {
                Uuid = m.Uuid, Email = m.Email, Name = m.Name, Note = m.Note, CreatedAt = m.CreatedAt, Tier = m.Tier is { } t ? Named(tiers, t, "tier", m.Email) : null,
                Complimentary = m.Complimentary, PaymentCustomerId = m.PaymentCustomerId, BouncedAt = m.BouncedAt, BounceReason = m.BounceReason,
            };
            member.Labels.AddRange(m.Labels.Select(l => Named(labels, l, "label", m.Email)));
            member.Newsletters.AddRange(m.Newsletters.Select(n => Named(newsletters, n, "newsletter", m.Email)));
            db.Members.Add(member);
        }
        await db.SaveChangesAsync(cancellation);
    }

    /// <summary>Restores an archive into an empty store, in one transaction: all of it, or (on any error) nothing.</summary>
    public async Task<int> ImportAsync(string directory, CancellationToken cancellation = default)
    {
        var site = await ArchiveFormat.ReadAsync<ArchiveSite>(Path.Combine(directory, SiteFile), cancellation);
        if (site.Format != ArchiveFormat.Name || site.Version != ArchiveFormat.Version)
            throw new ImportError(Path.Combine(directory, SiteFile), 1, $"not a Masthead archive of version {ArchiveFormat.Version} (format '{site.Format}', version {site.Version})");
        if (await db.Articles.AnyAsync(cancellation) || await db.People.AnyAsync(cancellation) || await db.Vocabularies.AnyAsync(cancellation)
            || await db.Members.AnyAsync(cancellation))
            throw new ImportError(directory, 0, "the store already has content: `import all` restores into an empty site only");
        var articleFiles = Directory.GetFiles(Path.Combine(directory, "articles"), "*.json").Order(StringComparer.Ordinal).ToList();
        var comments = await ArchiveFormat.ReadAsync<List<ArchiveComment>>(Path.Combine(directory, CommentsFile), cancellation);
        var mediaItems = await ArchiveFormat.ReadAsync<List<ArchiveMedia>>(Path.Combine(directory, MediaFile), cancellation);
        // Archives from before members existed have no members.json.
        var membership = File.Exists(Path.Combine(directory, MembersFile))
            ? await ArchiveFormat.ReadAsync<ArchiveMembership>(Path.Combine(directory, MembersFile), cancellation) : ArchiveMembership.Empty;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var a0 = site.Settings;
        await settingsEditor.RestoreAsync(new SettingsForm
        {
            Name = a0.Name, Tagline = a0.Tagline, TimeZone = a0.TimeZone, PageSize = a0.PageSize, Disclaimer = a0.Disclaimer,
            CopyrightNotice = a0.CopyrightNotice, RepublicationPolicy = a0.RepublicationPolicy, ReaderNote = a0.ReaderNote,
            MediaContact = a0.MediaContact, MembershipCall = a0.MembershipCall, CommentCall = a0.CommentCall,
            MaxUploadMegabytes = a0.MaxUploadMegabytes, RefuseBrokenLinks = a0.RefuseBrokenLinks, FeedFullContent = a0.FeedFullContent,
            CommentsMode = a0.CommentsMode, CommentsCloseAfterDays = a0.CommentsCloseAfterDays, CommentsHoldFirst = a0.CommentsHoldFirst,
            CommentsMaxLinks = a0.CommentsMaxLinks, CommentsBlockedWords = a0.CommentsBlockedWords, Logo = a0.Logo, Icon = a0.Icon,
        }, a0.SiteUuid, cancellation);

        var terms = new Dictionary<(string, string), Term>();
        foreach (var v in site.Vocabularies)
        {
            var vocabulary = await taxonomy.FindOrCreateVocabularyAsync(v.Name, v.Slug, v.Position, cancellation);
            foreach (var t in v.Terms) terms[(v.Slug, t.Slug)] = (await taxonomy.FindOrCreateTermAsync(vocabulary, t.Name, t.Slug, cancellation))!;
        }
        // People are restored by their slug exactly, never found by name: two people may share a name.
        if (site.People.FirstOrDefault(p => p.Photo is not null && !WebAddress.IsImage(p.Photo)) is { } badPhoto)
            throw new ImportError(Path.Combine(directory, SiteFile), 1, $"{badPhoto.Slug}'s photo {WebAddress.ImageRule}");
        var people = site.People.ToDictionary(p => p.Slug, p => new Person { Slug = p.Slug, Name = p.Name, Photo = p.Photo });
        foreach (var p in site.People) peopleEditor.SetBio(people[p.Slug], p.Bio);
        db.People.AddRange(people.Values);
        db.Redirects.AddRange(site.Redirects.Select(r => new Redirect { FromPath = r.From, ToPath = r.To }));
        await db.SaveChangesAsync(cancellation);
        foreach (var v in site.Vocabularies)
            foreach (var t in v.Terms.Where(t => t.Parent is not null))
                terms[(v.Slug, t.Slug)].ParentId = terms[(v.Slug, t.Parent!)].Id;

        foreach (var m in mediaItems)
        {
            var item = new MediaItem { Hash = m.Hash, Extension = m.Extension, ContentType = m.ContentType, OriginalName = m.OriginalName,
                Size = m.Size, Width = m.Width, Height = m.Height, Alt = m.Alt, Caption = m.Caption, UploadedAt = m.UploadedAt, Variants = m.Variants };
            // An archive without a picture's resized copies (older ones) restores it without them: `masthead media variants` makes them.
            if (FilesOf(item).Skip(1).Any(file => !File.Exists(Path.Combine(directory, "media", file)))) item.Variants = null;
            foreach (var file in FilesOf(item))
            {
                var target = media.PathOf(file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(directory, "media", file), target, overwrite: true);
            }
            db.Media.Add(item);
        }

        var articles = new Dictionary<string, Article>();
        var archived = new List<(Article Article, ArchiveArticle Source)>();
        foreach (var file in articleFiles)
        {
            var a = await ArchiveFormat.ReadAsync<ArchiveArticle>(file, cancellation);
            if (string.IsNullOrWhiteSpace(a.Slug) || string.IsNullOrWhiteSpace(a.Headline)) throw new ImportError(file, 1, "an article needs a slug and a headline");
            if (a.Bylines.FirstOrDefault(slug => !people.ContainsKey(slug)) is { } stranger)
                throw new ImportError(file, 1, $"the byline '{stranger}' names nobody in {SiteFile}'s people");
            if (a.Terms.FirstOrDefault(t => !terms.ContainsKey((t.Vocabulary, t.Term))) is { } unknown)
                throw new ImportError(file, 1, $"the term '{unknown.Vocabulary}/{unknown.Term}' is not in {SiteFile}'s vocabularies");
            if (a.Origin?.Url is { } url && !WebAddress.IsHttp(url)) throw new ImportError(file, 1, $"origin.url {WebAddress.HttpRule}");
            if (a.FeaturedImage is { } image && !WebAddress.IsImage(image)) throw new ImportError(file, 1, $"featuredImage {WebAddress.ImageRule}");
            var article = new Article
            {
                Uuid = a.Uuid, Slug = a.Slug, Headline = a.Headline, Dek = a.Dek,
                CreatedAt = a.CreatedAt, UpdatedAt = a.UpdatedAt, Dateline = a.Dateline, ReaderNote = a.ReaderNote, SourceId = a.SourceId,
                FeaturedImage = a.FeaturedImage, FeaturedImageAlt = a.FeaturedImageAlt, FeaturedImageCaption = a.FeaturedImageCaption,
                Featured = a.Featured, IsPage = a.IsPage, Visibility = a.Visibility, CommentsMode = a.CommentsMode,
                Origin = a.Origin is { } o ? new Origin { Outlet = o.Outlet, Url = o.Url, OriginalDate = o.Date, IsCanonical = o.Canonical } : null,
            };
            ArticleEditor.TakeStatus(article, a.Status, a.PublishedAt);
            renderer.RenderInto(article, await File.ReadAllTextAsync(Path.ChangeExtension(file, ".md"), cancellation));
            article.Bylines.AddRange(a.Bylines.Select((slug, i) => new Byline { Person = people[slug], Position = i }));
            article.Terms.AddRange(a.Terms.Select((t, i) => new ArticleTerm { Term = terms[(t.Vocabulary, t.Term)], Position = i }));
            article.Notes.AddRange(a.Notes.Select(n => new ArticleNote { Kind = n.Kind, Text = n.Text, At = n.At, AmendedAt = n.AmendedAt }));
            db.Articles.Add(article);
            articles[a.Slug] = article;
            archived.Add((article, a));
        }
        await db.SaveChangesAsync(cancellation);

        foreach (var (article, a) in archived)
            foreach (var r in a.Revisions)
                db.Revisions.Add(new ArticleRevision { ArticleId = article.Id, Number = r.Number, CreatedAt = r.CreatedAt, StaffName = r.StaffName,
                    Action = r.Action, Snapshot = FromArchive(r.Snapshot, people, terms, article).ToJson() });

        // Members first: a member's comments name them by uuid.
        await RestoreMembershipAsync(Path.Combine(directory, MembersFile), membership, cancellation);
        var members = await db.Members.AsNoTracking().ToDictionaryAsync(m => m.Uuid, m => m.Id, cancellation);
        await commentsEditor.ImportAsync(comments.Select(c => new IncomingComment(c.SourceId, articles[c.Article].Id, c.AuthorName, c.AuthorEmail,
            c.AuthorUrl, c.BodyHtml, c.CreatedAt, c.Status, c.Parent, c.BodyText, c.HeldFor, c.Flags, c.NotifyReplies, c.EditedAt,
            c.Member is { } uuid && members.TryGetValue(uuid, out var member) ? member : null)).ToList(), keepOrder: true, cancellation);
        await transaction.CommitAsync(cancellation);
        return archived.Count;
    }

    private static ArticleSnapshot FromArchive(ArchiveSnapshot s, Dictionary<string, Person> people, Dictionary<(string, string), Term> terms, Article article) => new(
        s.Headline, s.Dek, s.Slug, s.Dateline, s.BodyMarkdown, s.Status, s.PublishedAt,
        s.Bylines.Select(b => new SnapshotByline(b.Person is { } slug && people.TryGetValue(slug, out var p) ? p.Id : 0, b.Name)).ToList(),
        s.Terms.Select(t => new SnapshotTerm(t.Vocabulary is { } v && t.Term is { } term && terms.TryGetValue((v, term), out var found) ? found.Id : 0,
            t.VocabularyName, t.Name)).ToList(),
        s.OriginOutlet, s.OriginUrl, s.OriginDate, s.ReaderNote, s.FeaturedImage,
        s.Notes.Select(n => new SnapshotNote(article.Notes.FirstOrDefault(x => x.Kind == n.Kind && x.At == n.At)?.Id ?? 0, n.Kind, n.At, n.Text)).ToList(),
        s.OriginIsCanonical, FeaturedImageAlt: s.FeaturedImageAlt, FeaturedImageCaption: s.FeaturedImageCaption);
}
