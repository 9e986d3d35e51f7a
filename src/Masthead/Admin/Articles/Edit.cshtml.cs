using Masthead.Articles;
using Masthead.Articles.Editing;
using Masthead.Data;
using Masthead.Media;
using Masthead.Newsletters;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Body;
using Masthead.Publishing.Links;
using Masthead.Staff;
using Masthead.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Articles;

public sealed class EditModel(MastheadDb db, ArticleEditor editor, ArticleRevisions revisions, ArticleDrafts drafts, BodyRenderer renderer,
    NewsletterSends sends, SiteAddress address) : BackOfficePage(db)
{
    [BindProperty] public ArticleForm Form { get; set; } = new();
    /// <summary>"Publish and email": the newsletter the article goes to when published (none: no email).</summary>
    [BindProperty] public int? EmailNewsletterId { get; set; }
    [BindProperty] public Audience EmailAudience { get; set; }
    public List<Newsletter> Newsletters { get; private set; } = [];
    /// <summary>The article went to a newsletter already: the choice is not offered again.</summary>
    public bool Emailed { get; private set; }

    public Article? Article { get; private set; }
    public bool CanPublish { get; private set; }
    public bool CanCorrect { get; private set; }
    public IReadOnlyList<LinkState> Links { get; private set; } = [];
    /// <summary>What publishing asked to confirm: broken links, pictures without alt text.</summary>
    public PublishChecks? ToConfirm { get; private set; }
    public EditorAction? PendingAction { get; private set; }
    public string PreviewHtml { get; private set; } = "";
    public List<Authors.Person> People { get; private set; } = [];
    public List<Vocabulary> Vocabularies { get; private set; } = [];
    public List<MediaItem> RecentMedia { get; private set; } = [];
    /// <summary>Authors and above upload to the media library (from the editor too); contributors do not.</summary>
    public bool CanUpload { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    /// <summary>When an autosave of this person's newer than the page is waiting to be restored.</summary>
    public DateTime? DraftSavedAt { get; private set; }
    public ArticleConflict? Conflict { get; private set; }
    public string? ConflictMessage { get; private set; }
    /// <summary>The form shows text that is not saved yet (a refused save): leaving the page must warn.</summary>
    public bool Unsaved { get; private set; }
    /// <summary>A message about what just happened, shown at once on a page that keeps unsaved text (no redirect).</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, bool restore, bool discard)
    {
        var me = await MeAsync();
        if (id is { } existing)
        {
            Article = await editor.LoadAsync(existing);
            if (Article is null) return NotFound();
            if (!Permissions.CanEdit(me, Article)) return Forbid();
            Form = ArticleForm.From(Article, await ZoneAsync(), await editor.LatestRevisionAsync(existing));
            if (await Db.NewsletterSends.AsNoTracking().SingleOrDefaultAsync(s => s.ArticleId == existing && s.Planned) is { } plan)
                (EmailNewsletterId, EmailAudience) = (plan.NewsletterId, plan.Audience);
        }
        else if (me.PersonId is { } person)
        {
            Form.Bylines = [person];
        }
        if (discard)
        {
            await drafts.DiscardAsync(me.Id, id);
            return Redirect(EditorPath(id));
        }
        if (await drafts.FindAsync(me.Id, id) is { } draft)
        {
            if (restore)
            {
                // The draft keeps the version it was typed on: saving it after someone else's save is a conflict, shown as one.
                Form = draft.Form;
                Unsaved = true;
                Notice = "Your unsaved text is back in the form. Save it to keep it.";
            }
            else DraftSavedAt = draft.SavedAt;
        }
        await LoadPanelsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, EditorAction action, bool confirmed)
    {
        var me = await MeAsync();
        var outcome = await editor.SaveAsync(id, Form, me, action, confirmed, await ZoneAsync());
        if (outcome.Value is { } saved)
        {
            Flash = $"{saved.Status}: “{saved.Headline}” saved.";
            if (Request.Form.ContainsKey(nameof(EmailNewsletterId)) && Permissions.CanPublish(me, saved)
                && (await sends.PlanAsync(saved.Id, EmailNewsletterId, EmailAudience, me.Id, address.Base)).Refusal is { } unplanned)
                Flash += " " + unplanned.Message;
            return Redirect(EditorPath(saved.Id));
        }
        var refusal = outcome.Refusal!;
        switch (refusal.Kind)
        {
            case RefusalKind.NotFound: return NotFound();
            case RefusalKind.Forbidden: return Forbid();
            case RefusalKind.Conflict when refusal.Detail is ArticleConflict conflict:
                Conflict = conflict;
                ConflictMessage = refusal.Message;
                // Saving again from here keeps what this person has in the form: "keep mine", or a merge made by hand.
                Form.Version = conflict.Current.Version;
                Form.BaseRevision = await editor.LatestRevisionAsync(conflict.Current.Id);
                KeepNewVersion();
                break;
            default:
                ShowErrors(refusal.Errors, "Form.");
                if (refusal.Detail is PublishChecks checks)
                {
                    ToConfirm = checks;
                    PendingAction = refusal.Errors.Count == 0 ? action : null;
                }
                break;
        }
        if (id is { } existing) Article = await editor.LoadAsync(existing);
        Unsaved = true;
        await LoadPanelsAsync();
        return Page();
    }

    /// <summary>The editor's autosave: what is typed goes to this person's draft slot, never to the article.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(int? id)
    {
        var me = await MeAsync();
        if (id is { } existing && (await editor.LoadAsync(existing) is not { } article || !Permissions.CanEdit(me, article))) return Forbid();
        await drafts.KeepAsync(me.Id, id, Form);
        return new NoContentResult();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm)
    {
        if (!confirm)
        {
            Flash = "Tick the box to confirm the deletion.";
            return Redirect($"/admin/articles/edit/{id}#delete");
        }
        var outcome = await editor.DeleteAsync(id, await MeAsync());
        if (outcome.Refusal is { Kind: RefusalKind.NotFound }) return NotFound();
        if (outcome.Refusal is not null) return Forbid();
        Flash = "Article deleted.";
        return Redirect("/admin/articles");
    }

    /// <summary>The live preview: the body as the public page will render it, through the same pipeline.</summary>
    public IActionResult OnPostPreview() => Content(renderer.RenderMarkdown(Form.BodyMarkdown ?? ""), "text/html; charset=utf-8");

    /// <summary>
    /// A correction or update. The note's fields belong to the editor form, so whatever is typed in the article comes
    /// along and is shown again as it was: adding a note never throws away an unsaved edit.
    /// </summary>
    public async Task<IActionResult> OnPostNoteAsync(int id, NoteKind kind, string? noteText)
    {
        var before = (await editor.LoadAsync(id))?.Version;
        var outcome = await revisions.AddNoteAsync(id, kind, noteText, await MeAsync());
        return await AfterNoteAsync(id, before, outcome.Refusal, $"{kind} added.", "Note");
    }

    public async Task<IActionResult> OnPostAmendNoteAsync(int id, int noteId, Dictionary<int, string?> noteTexts)
    {
        var before = (await editor.LoadAsync(id))?.Version;
        var outcome = await revisions.AmendNoteAsync(id, noteId, noteTexts.GetValueOrDefault(noteId), await MeAsync());
        return await AfterNoteAsync(id, before, outcome.Refusal, "Note amended; the earlier text stays in the revisions.", $"NoteTexts[{noteId}]");
    }

    private async Task<IActionResult> AfterNoteAsync(int id, uint? before, Refusal? refusal, string done, string field)
    {
        if (refusal is { Kind: RefusalKind.NotFound }) return NotFound();
        if (refusal is { Kind: RefusalKind.Forbidden }) return Forbid();
        if (refusal is not null) foreach (var (_, message) in refusal.Errors) ModelState.AddModelError(field, message);
        Article = await editor.LoadAsync(id);
        // The note moved the article's version; a form opened on the version before it is still current.
        if (before is not null && Article is not null && Form.Version == before)
        {
            Form.Version = Article.Version;
            Form.BaseRevision = await editor.LatestRevisionAsync(id);
            KeepNewVersion();
        }
        Notice = refusal is null ? done : null;
        Unsaved = Article is null || !Form.SameContent(ArticleForm.From(Article, await ZoneAsync(), 0));
        await LoadPanelsAsync();
        return Page();
    }

    /// <summary>The inputs show what was posted unless told otherwise; the version fields must show the new one.</summary>
    private void KeepNewVersion()
    {
        ModelState.Remove("Form.Version");
        ModelState.Remove("Form.BaseRevision");
    }

    private static string EditorPath(int? id) => id is null ? "/admin/articles/edit" : $"/admin/articles/edit/{id}";

    private async Task LoadPanelsAsync()
    {
        var me = await MeAsync();
        Zone = await ZoneAsync();
        CanPublish = Article is null ? Permissions.Allows(me.Role, Permissions.Publish) : Permissions.CanPublish(me, Article);
        CanCorrect = Article is { Status: ArticleStatus.Published } && CanPublish;
        PreviewHtml = renderer.RenderMarkdown(Form.BodyMarkdown ?? "");
        Links = await LinkReport.ForMarkdownAsync(Db, Form.BodyMarkdown ?? "");
        People = await Db.People.AsNoTracking().OrderBy(p => p.Name).ToListAsync();
        Vocabularies = await Db.Vocabularies.AsNoTracking().Include(v => v.Terms).OrderBy(v => v.Position).ToListAsync();
        CanUpload = Permissions.Allows(me.Role, Permissions.Publish);
        RecentMedia = CanUpload
            ? await Db.Media.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).Take(12).ToListAsync()
            : [];
        Newsletters = CanPublish ? await Db.Newsletters.AsNoTracking().Where(n => n.Active).OrderBy(n => n.Position).ToListAsync() : [];
        Emailed = Article is not null && await Db.NewsletterSends.AnyAsync(s => s.ArticleId == Article.Id && !s.Planned);
        var slots = Math.Max(2, Form.Bylines.Count(b => b is not null) + 1);
        while (Form.Bylines.Count < slots) Form.Bylines.Add(null);
    }

    /// <summary>
    /// What "Insert" puts in the body: a picture with the library's alt text (empty when it has none, so the publish check
    /// asks), inside a Markdig figure when it has a caption; a document as a link with its name.
    /// </summary>
    public static string MarkdownFor(MediaItem item) => item switch
    {
        { IsImage: false } => $"[{Escaped(Path.GetFileNameWithoutExtension(item.OriginalName))} (.pdf)]({item.Url})",
        { Caption: { } caption } => $"^^^\n![{Escaped(item.Alt ?? "")}]({item.Url})\n^^^ {Escaped(caption)}\n",
        _ => $"![{Escaped(item.Alt ?? "")}]({item.Url})",
    };

    private static string Escaped(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"[\\`*_\[\]<>#|^]", @"\$0", System.Text.RegularExpressions.RegexOptions.NonBacktracking);
}
