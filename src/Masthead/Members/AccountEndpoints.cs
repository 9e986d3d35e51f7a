using System.Globalization;
using System.Threading.RateLimiting;
using Masthead.Data;
using Masthead.Publishing.Theme;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using static Masthead.Members.MemberEndpoints;

namespace Masthead.Members;

public sealed record AccountView(string? Name, string Email, string Tier, bool Paid, bool Complimentary, string JoinedDisplay);

/// <summary>The signed-in member's own page: name, newsletters, a new address, their data, signing out, deleting the account.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/account/", AccountPageAsync);
        routes.MapPost("/account/", SaveAccountAsync);
        routes.MapPost("/account/email", ChangeEmailAsync);
        routes.MapPost("/account/delete", DeleteAccountAsync);
        routes.MapPost("/account/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            await MemberAuthentication.SignOutAsync(http);
            return Results.Redirect("/");
        });
        routes.MapGet("/account/data.json", DownloadAsync);
        return routes;
    }

    private static async Task<IResult> AccountPageAsync(HttpContext http, SitePages pages, MemberAccounts accounts, CancellationToken cancellation) =>
        await MemberAuthentication.MemberIdAsync(http) is { } id && await accounts.FindAsync(id, cancellation) is { } member
            ? await AccountAsync(http, pages, member, [], null, null, cancellation)
            : Results.Redirect("/members/signin?return=/account/");

    private static async Task<IResult> AccountAsync(HttpContext http, SitePages pages, Member member, IReadOnlyList<FieldError> errors, string? notice,
        MemberForm? typed, CancellationToken cancellation, int status = StatusCodes.Status200OK)
    {
        var db = http.RequestServices.GetRequiredService<MastheadDb>();
        var site = await pages.SiteAsync(cancellation);
        var subscribed = member.Newsletters.Select(n => n.Id).ToHashSet();
        var newsletters = await db.Newsletters.AsNoTracking().Where(n => n.Active || subscribed.Contains(n.Id)).OrderBy(n => n.Position).ThenBy(n => n.Name).ToListAsync(cancellation);
        return await pages.RenderAsync("account", "Your account", new()
        {
            ["account"] = new AccountView(typed?.Name ?? member.Name, member.Email, member.Tier?.Name ?? "Free", member.Tier is { IsFree: false }, member.Complimentary,
                TimeZoneInfo.ConvertTimeFromUtc(member.CreatedAt, site.Zone).ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)),
            ["newsletters"] = newsletters.Select(n => new NewsletterChoice(n.Id, n.Name, n.Description, subscribed.Contains(n.Id))).ToList(),
            ["new_email"] = typed?.Email,
            ["errors"] = errors,
            ["notice"] = notice,
            ["antiforgery"] = Token(http),
        }, cancellation, statusCode: status);
    }

    private static async Task<IResult> SaveAccountAsync(HttpContext http, SitePages pages, MemberAccounts accounts, IAntiforgery antiforgery, CancellationToken cancellation)
    {
        if (await SignedInAsync(http, accounts, antiforgery, cancellation) is not { } member) return Results.Redirect("/members/signin?return=/account/");
        var form = await http.Request.ReadFormAsync(cancellation);
        var chosen = form["newsletters"].Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        var outcome = await accounts.UpdateAsync(member.Id, form["name"], chosen, cancellation);
        if (outcome.Refusal is { } refusal)
            return await AccountAsync(http, pages, member, Errors(refusal), null, new MemberForm(null, form["name"], null), cancellation, StatusCodes.Status400BadRequest);
        return await AccountAsync(http, pages, (await accounts.FindAsync(member.Id, cancellation))!, [], "Your account is saved.", null, cancellation);
    }

    private static async Task<IResult> ChangeEmailAsync(HttpContext http, SitePages pages, MemberAccounts accounts, MemberMail mail, IAntiforgery antiforgery,
        PartitionedRateLimiter<string> limiter, CancellationToken cancellation)
    {
        if (await SignedInAsync(http, accounts, antiforgery, cancellation) is not { } member) return Results.Redirect("/members/signin?return=/account/");
        var email = (string?)(await http.Request.ReadFormAsync(cancellation))["email"];
        var typed = new MemberForm(email, null, null);
        if (!mail.CanSend) return await AccountAsync(http, pages, member, [NoMail], null, typed, cancellation, StatusCodes.Status503ServiceUnavailable);
        if (await RefusedAsync(http, antiforgery, limiter) is { } limited)
            return await AccountAsync(http, pages, member, [limited], null, typed, cancellation, StatusCodes.Status429TooManyRequests);
        var outcome = await accounts.RequestEmailChangeAsync(member.Id, email, cancellation);
        if (outcome.Refusal is { } refusal) return await AccountAsync(http, pages, member, Errors(refusal), null, typed, cancellation, StatusCodes.Status400BadRequest);
        if (outcome.Value is { } link) mail.Send(link, (await pages.SiteAsync(cancellation)).Name);
        return await AccountAsync(http, pages, member, [], $"A link to confirm {MemberAccounts.Normalize(email!)} is on its way there. Your address changes when it is followed.", null, cancellation);
    }

    private static async Task<IResult> DeleteAccountAsync(HttpContext http, SitePages pages, MemberAccounts accounts, IAntiforgery antiforgery, CancellationToken cancellation)
    {
        if (await SignedInAsync(http, accounts, antiforgery, cancellation) is not { } member) return Results.Redirect("/members/signin?return=/account/");
        if ((string?)(await http.Request.ReadFormAsync(cancellation))["confirm"] != "yes")
            return await AccountAsync(http, pages, member, [new FieldError("confirm", "Tick the box to confirm that the account should be deleted.")], null, null, cancellation, StatusCodes.Status400BadRequest);
        await accounts.DeleteAsync(member.Id, cancellation);
        await MemberAuthentication.SignOutAsync(http);
        return await pages.RenderAsync("members-sent", "Account deleted", new() { ["deleted"] = true }, cancellation);
    }

    /// <summary>Everything kept about the member, as JSON (GDPR art. 15 and 20).</summary>
    private static async Task<IResult> DownloadAsync(HttpContext http, MemberAccounts accounts, CancellationToken cancellation)
    {
        if (await MemberAuthentication.MemberIdAsync(http) is not { } id || await accounts.FindAsync(id, cancellation) is not { } member)
            return Results.Redirect("/members/signin?return=/account/");
        http.Response.Headers.ContentDisposition = "attachment; filename=\"my-membership.json\"";
        return Results.Json(new
        {
            email = member.Email, name = member.Name, uuid = member.Uuid, created_at = member.CreatedAt, tier = member.Tier?.Name ?? "Free",
            complimentary = member.Complimentary, newsletters = member.Newsletters.Select(n => n.Name).ToList(),
            labels = member.Labels.Select(l => l.Name).ToList(), email_disabled = member.BouncedAt is not null,
        });
    }

    private static async Task<Member?> SignedInAsync(HttpContext http, MemberAccounts accounts, IAntiforgery antiforgery, CancellationToken cancellation)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) throw new BadHttpRequestException("The form has expired: reload the page and try again.");
        return await MemberAuthentication.MemberIdAsync(http) is { } id ? await accounts.FindAsync(id, cancellation) : null;
    }
}
