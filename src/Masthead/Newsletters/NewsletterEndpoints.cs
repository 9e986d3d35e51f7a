using System.Globalization;
using System.Security.Cryptography;
using Masthead.Data;
using Masthead.Members;
using Masthead.Publishing.Theme;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Newsletters;

public sealed record UnsubscribeView(string Newsletter, string Email, string Token, bool Done);

/// <summary>
/// The unsubscribe link every newsletter carries, signed for its recipient so that it works without signing in. GET
/// asks (a mail scanner that fetches it changes nothing); POST does it — from the page's button or from the mail
/// program's one-click request (RFC 8058: <c>List-Unsubscribe=One-Click</c>, no cookie, so the signature is the proof).
/// </summary>
public static class NewsletterEndpoints
{
    public static IDataProtector Protector(IDataProtectionProvider provider) => provider.CreateProtector("Masthead.Newsletters.Unsubscribe");

    public static IServiceCollection AddNewsletters(this IServiceCollection services)
    {
        services.AddSingleton<SendSignal>();
        services.AddScoped<NewsletterSends>();
        services.AddSingleton<NewsletterDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NewsletterDispatcher>());
        return services;
    }

    public static IEndpointRouteBuilder MapNewsletters(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/newsletters/unsubscribe/{token}", (string token, HttpContext http, CancellationToken c) => UnsubscribeAsync(token, http, post: false, c));
        routes.MapPost("/newsletters/unsubscribe/{token}", (string token, HttpContext http, CancellationToken c) => UnsubscribeAsync(token, http, post: true, c))
            .DisableAntiforgery();
        return routes;
    }

    private static async Task<IResult> UnsubscribeAsync(string token, HttpContext http, bool post, CancellationToken cancellation)
    {
        var pages = http.RequestServices.GetRequiredService<SitePages>();
        var db = http.RequestServices.GetRequiredService<MastheadDb>();
        var found = Recipient(http.RequestServices.GetRequiredService<IDataProtectionProvider>(), token) is { } id
            ? await db.SendRecipients.AsNoTracking().Where(r => r.Id == id && r.MemberId != null)
                .Join(db.NewsletterSends, r => r.SendId, s => s.Id, (r, s) => new { MemberId = r.MemberId!.Value, r.Email, s.NewsletterId, Newsletter = s.Newsletter.Name })
                .SingleOrDefaultAsync(cancellation)
            : null;
        if (found is null)
            return await pages.RenderAsync("newsletter-unsubscribe", "Unsubscribe", new() { ["expired"] = true }, cancellation, statusCode: StatusCodes.Status404NotFound);
        if (post)
        {
            var outcome = await http.RequestServices.GetRequiredService<MemberAccounts>().UnsubscribeAsync(found.MemberId, found.NewsletterId, cancellation);
            if (outcome.Refusal is not null)
                return await pages.RenderAsync("newsletter-unsubscribe", "Unsubscribe", new() { ["expired"] = true }, cancellation, statusCode: StatusCodes.Status404NotFound);
        }
        return await pages.RenderAsync("newsletter-unsubscribe", "Unsubscribe", new()
        {
            ["unsubscribe"] = new UnsubscribeView(found.Newsletter, found.Email, token, post),
        }, cancellation);
    }

    private static long? Recipient(IDataProtectionProvider provider, string token)
    {
        try
        {
            return long.TryParse(Protector(provider).Unprotect(token), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (CryptographicException) { return null; } // altered, or signed with a key this site no longer has
    }
}
