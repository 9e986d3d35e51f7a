using Masthead.Articles;
using Masthead.Articles.Editing;
using Masthead.Data;
using Masthead.Media;
using Masthead.Publishing;
using Masthead.Staff;
using Masthead.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Articles;

public sealed class EditModel(MastheadDb db, ArticleEditor editor, ArticleRevisions revisions, BodyRenderer renderer) : BackOfficePage(db)
{
    [BindProperty] public ArticleForm Form { get; set; } = new();

    public Article? Article { get; private set; }
    public bool CanPublish { get; private set; }
    public bool CanCorrect { get; private set; }
    public IReadOnlyList<LinkState> Links { get; private set; } = [];
    public IReadOnlyList<LinkState> LinksToConfirm { get; private set; } = [];
    public EditorAction? PendingAction { get; private set; }
    public string PreviewHtml { get; private set; } = "";
    public List<Authors.Person> People { get; private set; } = [];
    public List<Vocabulary> Vocabularies { get; private set; } = [];
    public List<MediaItem> RecentMedia { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            Article = await editor.LoadAsync(existing);
            if (Article is null) return NotFound();
            if (!Permissions.CanEdit(await MeAsync(), Article)) return Forbid();
            Form = ArticleForm.From(Article, await ZoneAsync());
        }
        else if ((await MeAsync()).PersonId is { } me)
        {
            Form.Bylines = [me];
        }
        await LoadPanelsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, EditorAction action, bool confirmBrokenLinks)
    {
        var me = await MeAsync();
        var outcome = await editor.SaveAsync(id, Form, me, action, confirmBrokenLinks, await ZoneAsync());
        if (outcome.Forbidden) return Forbid();
        if (outcome.Article is { } saved)
        {
            Flash = $"{saved.Status}: “{saved.Headline}” saved.";
            return Redirect($"/admin/articles/edit/{saved.Id}");
        }
        if (id is { } existing) Article = await editor.LoadAsync(existing);
        ShowErrors(outcome.Errors, "Form.");
        LinksToConfirm = outcome.BrokenLinks;
        PendingAction = outcome.NeedsConfirmation ? action : null;
        await LoadPanelsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm)
    {
        if (!confirm)
        {
            Flash = "Tick the box to confirm the deletion.";
            return Redirect($"/admin/articles/edit/{id}#delete");
        }
        if (!await editor.DeleteAsync(id, await MeAsync())) return Forbid();
        Flash = "Article deleted.";
        return Redirect("/admin/articles");
    }

    /// <summary>The live preview: the body as the public page will render it, through the same pipeline.</summary>
    public IActionResult OnPostPreview() => Content(renderer.RenderMarkdown(Form.BodyMarkdown ?? ""), "text/html; charset=utf-8");

    public async Task<IActionResult> OnPostNoteAsync(int id, NoteKind kind, string? text)
    {
        var problem = await revisions.AddNoteAsync(id, kind, text, await MeAsync());
        if (problem == "forbidden") return Forbid();
        Flash = problem ?? $"{kind} added.";
        return Redirect($"/admin/articles/edit/{id}#notes");
    }

    public async Task<IActionResult> OnPostAmendNoteAsync(int id, int noteId, string? text)
    {
        var problem = await revisions.AmendNoteAsync(id, noteId, text, await MeAsync());
        if (problem == "forbidden") return Forbid();
        Flash = problem ?? "Note amended; the earlier text stays in the revisions.";
        return Redirect($"/admin/articles/edit/{id}#notes");
    }

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
        RecentMedia = Permissions.Allows(me.Role, Permissions.Publish)
            ? await Db.Media.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).Take(12).ToListAsync()
            : [];
        var slots = Math.Max(2, Form.Bylines.Count(b => b is not null) + 1);
        while (Form.Bylines.Count < slots) Form.Bylines.Add(null);
    }

    public static string MarkdownFor(MediaItem item) => item.IsImage
        ? $"![{item.Alt ?? Path.GetFileNameWithoutExtension(item.OriginalName)}]({item.Url})"
        : $"[{Path.GetFileNameWithoutExtension(item.OriginalName)} (.pdf)]({item.Url})";
}
