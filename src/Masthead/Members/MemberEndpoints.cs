using System.Globalization;
using System.Threading.RateLimiting;
using Masthead.Data;
using Masthead.Publishing.Theme;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Members;

public sealed record TierView(string Slug, string Name, string? Description, bool IsFree, string? MonthlyDisplay, string? YearlyDisplay);
public sealed record PaymentsView(bool TakesPayments, string HowToJoin);
public sealed record NewsletterChoice(int Id, string Name, string? Description, bool Checked);
public sealed record FieldError(string Field, string Message);
public sealed record MemberForm(string? Email, string? Name, string? ReturnPath);
public sealed record FormToken(string Name, string Value);

/// <summary>
/// The readers' side of membership, in the theme: sign-up (listing the tiers), sign-in by mailed link and the page that
/// follows a link (the account page is <see cref="AccountEndpoints"/>). Every form has antiforgery and keeps what was typed when refused.
/// </summary>
public static class MemberEndpoints
{
    internal static readonly FieldError NoMail = new("", "This site cannot send mail yet, so links cannot be sent: its owner has to set up Masthead:Mail.");

    /// <summary>The field a person never sees; a program filling every field fills it, and is told all is well.</summary>
    public const string Honeypot = "website";

    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddMastheadOptions<MembersOptions>(MembersOptions.Section);
        services.AddAuthentication().AddMemberCookie();
        services.AddScoped<MemberMail>();
        services.AddScoped<Readers>();
        services.AddScoped<Memberships>();
        services.AddSingleton<IPaymentProvider, ComplimentaryPayments>();
        services.AddSingleton(sp =>
        {
            var limit = sp.GetRequiredService<IOptions<MembersOptions>>().Value.RequestsPerClientPerHour;
            return PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/membership/", (HttpContext http, SitePages pages, CancellationToken c) => SignUpPageAsync(http, pages, null, [], null, c));
        routes.MapPost("/membership/", SignUpAsync);
        routes.MapPost("/membership/checkout", CheckoutAsync);
        routes.MapGet("/members/signin", (HttpContext http, SitePages pages, string? @return, CancellationToken c) =>
            FormPageAsync(http, pages, "members-signin", "Sign in", new MemberForm(null, null, @return), [], c));
        routes.MapPost("/members/signin", SignInAsync);
        routes.MapGet("/members/link/{token}", LinkPageAsync);
        routes.MapPost("/members/link/{token}", FollowLinkAsync);
        return routes.MapAccount();
    }

    private static async Task<IResult> SignUpPageAsync(HttpContext http, SitePages pages, MemberForm? form, IReadOnlyList<FieldError> errors,
        IReadOnlyCollection<int>? chosen, CancellationToken cancellation, int status = StatusCodes.Status200OK)
    {
        var db = http.RequestServices.GetRequiredService<MastheadDb>();
        var payments = http.RequestServices.GetRequiredService<IPaymentProvider>();
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.Active).OrderBy(t => !t.IsFree).ThenBy(t => t.Position).ThenBy(t => t.MonthlyPrice).ToListAsync(cancellation);
        var newsletters = await db.Newsletters.AsNoTracking().Where(n => n.Active).OrderBy(n => n.Position).ThenBy(n => n.Name).ToListAsync(cancellation);
        return await FormPageAsync(http, pages, "membership", "Membership", form ?? new MemberForm(null, null, http.Request.Query["return"]), errors, cancellation, new()
        {
            ["tiers"] = tiers.Select(t => new TierView(t.Slug, t.Name, t.Description, t.IsFree, Price(t.MonthlyPrice, t.Currency, "month"), Price(t.YearlyPrice, t.Currency, "year"))).ToList(),
            ["payments"] = new PaymentsView(payments.TakesPayments, payments.HowToJoin),
            ["newsletters"] = newsletters.Select(n => new NewsletterChoice(n.Id, n.Name, n.Description, chosen?.Contains(n.Id) ?? n.SubscribeOnSignUp)).ToList(),
        }, status);
    }

    private static async Task<IResult> FormPageAsync(HttpContext http, SitePages pages, string template, string title, MemberForm form,
        IReadOnlyList<FieldError> errors, CancellationToken cancellation, Dictionary<string, object?>? values = null, int status = StatusCodes.Status200OK)
    {
        values ??= [];
        values["form"] = form;
        values["errors"] = errors;
        values["antiforgery"] = Token(http);
        return await pages.RenderAsync(template, title, values, cancellation, statusCode: status);
    }

    private static async Task<IResult> SignUpAsync(HttpContext http, SitePages pages, MemberAccounts accounts, MemberMail mail, IAntiforgery antiforgery,
        PartitionedRateLimiter<string> limiter, CancellationToken cancellation)
    {
        var form = await http.Request.ReadFormAsync(cancellation);
        var typed = new MemberForm(form["email"], form["name"], form["return"]);
        var chosen = form["newsletters"].Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        if (!mail.CanSend) return await SignUpPageAsync(http, pages, typed, [NoMail], chosen, cancellation, StatusCodes.Status503ServiceUnavailable);
        if (await RefusedAsync(http, antiforgery, limiter) is { } refusal)
            return await SignUpPageAsync(http, pages, typed, [refusal], chosen, cancellation, StatusCodes.Status429TooManyRequests);
        if (!string.IsNullOrEmpty(form[Honeypot])) return await SentAsync(pages, typed.Email, cancellation);
        var outcome = await accounts.RequestSignUpAsync(typed.Email, typed.Name, chosen, typed.ReturnPath, cancellation);
        if (outcome.Refusal is { } refused)
            return await SignUpPageAsync(http, pages, typed, Errors(refused), chosen, cancellation, StatusCodes.Status400BadRequest);
        if (outcome.Value is { } link) mail.Send(link, (await pages.SiteAsync(cancellation)).Name);
        return await SentAsync(pages, typed.Email, cancellation);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, SitePages pages, MemberAccounts accounts, MemberMail mail, IAntiforgery antiforgery,
        PartitionedRateLimiter<string> limiter, CancellationToken cancellation)
    {
        var form = await http.Request.ReadFormAsync(cancellation);
        var typed = new MemberForm(form["email"], null, form["return"]);
        if (!mail.CanSend) return await FormPageAsync(http, pages, "members-signin", "Sign in", typed, [NoMail], cancellation, status: StatusCodes.Status503ServiceUnavailable);
        if (await RefusedAsync(http, antiforgery, limiter) is { } refusal)
            return await FormPageAsync(http, pages, "members-signin", "Sign in", typed, [refusal], cancellation, status: StatusCodes.Status429TooManyRequests);
        if (!string.IsNullOrEmpty(form[Honeypot])) return await SentAsync(pages, typed.Email, cancellation);
        var outcome = await accounts.RequestSignInAsync(typed.Email, typed.ReturnPath, cancellation);
        if (outcome.Refusal is { } refused)
            return await FormPageAsync(http, pages, "members-signin", "Sign in", typed, Errors(refused), cancellation, status: StatusCodes.Status400BadRequest);
        if (outcome.Value is { } link) mail.Send(link, (await pages.SiteAsync(cancellation)).Name);
        return await SentAsync(pages, typed.Email, cancellation);
    }

    /// <summary>A signed-in member chose a paid tier: to the provider's checkout, or back to the tiers with the reason.</summary>
    private static async Task<IResult> CheckoutAsync(HttpContext http, SitePages pages, IPaymentProvider payments, IAntiforgery antiforgery, Readers readers,
        MastheadDb db, Publishing.Addresses.SiteAddress address, CancellationToken cancellation)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var form = await http.Request.ReadFormAsync(cancellation);
        if (await readers.MemberAsync(cancellation) is not { } member) return Results.Redirect("/members/signin?return=/membership/");
        var slug = form["tier"].ToString();
        var tier = await db.Tiers.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug && t.Active && !t.IsFree, cancellation);
        if (tier is null)
            return await SignUpPageAsync(http, pages, null, [new FieldError("tier", "Choose one of the paid tiers below.")], null, cancellation, StatusCodes.Status400BadRequest);
        var outcome = await payments.CheckoutAsync(member, tier, address.Absolute("/account/"), cancellation);
        if (outcome.Value is { } checkout) return Results.Redirect(checkout);
        return await SignUpPageAsync(http, pages, null, [new FieldError("tier", outcome.Refusal!.Message ?? "That tier cannot be bought here.")], null, cancellation, StatusCodes.Status409Conflict);
    }

    /// <summary>The same page for every address: whether it has an account, and whether a link was sent, is told only in the inbox.</summary>
    private static Task<IResult> SentAsync(SitePages pages, string? email, CancellationToken cancellation) =>
        pages.RenderAsync("members-sent", "Check your inbox", new() { ["email"] = email }, cancellation);

    /// <summary>A link opens a page with one button, so that mail scanners that fetch links do not spend it.</summary>
    private static async Task<IResult> LinkPageAsync(string token, HttpContext http, SitePages pages, MemberAccounts accounts, CancellationToken cancellation)
    {
        var link = await accounts.FindLinkAsync(token, cancellation);
        if (link is null) return await pages.RenderAsync("members-link", "Link expired", new() { ["expired"] = true }, cancellation, statusCode: StatusCodes.Status404NotFound);
        return await pages.RenderAsync("members-link", "Confirm", new()
        {
            ["purpose"] = link.Purpose.ToString(), ["email"] = link.Email, ["token"] = token, ["antiforgery"] = Token(http),
        }, cancellation);
    }

    private static async Task<IResult> FollowLinkAsync(string token, HttpContext http, SitePages pages, MemberAccounts accounts, IAntiforgery antiforgery,
        CancellationToken cancellation)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var outcome = await accounts.RedeemAsync(token, cancellation);
        if (outcome.Refusal is { } refusal)
            return await pages.RenderAsync("members-link", "Link expired", new() { ["expired"] = true, ["message"] = refusal.Message }, cancellation,
                statusCode: refusal.Kind == RefusalKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound);
        var (member, returnPath) = outcome.Value;
        await MemberAuthentication.SignInAsync(http, member);
        return Results.Redirect(returnPath ?? "/account/");
    }

    /// <summary>Antiforgery, then the per-client limit: the refusal to show above the form, or null to go on.</summary>
    internal static async Task<FieldError?> RefusedAsync(HttpContext http, IAntiforgery antiforgery, PartitionedRateLimiter<string> limiter)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return new FieldError("", "The form had expired. Check what you typed and send it again.");
        using var lease = limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired ? null : new FieldError("", "Too many requests from your network in the last hour. Wait a while, then send the form again.");
    }

    internal static List<FieldError> Errors(Refusal refusal) =>
        refusal.Errors.Count > 0 ? refusal.Errors.Select(e => new FieldError(e.Key, e.Value)).ToList() : [new FieldError("", refusal.Message ?? "That did not work.")];

    internal static FormToken Token(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken!);
    }

    private static string? Price(int amount, string currency, string period) => amount <= 0 ? null :
        string.Create(CultureInfo.InvariantCulture, $"{(currency == "USD" ? "$" : currency == "EUR" ? "€" : currency == "GBP" ? "£" : currency + " ")}{amount / 100m:0.##}/{period}");
}
