using Masthead.Articles;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Members;

/// <summary>Who is reading, per request: a signed-in member (with their tier) or nobody, and what they may read.</summary>
public sealed class Readers(IHttpContextAccessor http, MastheadDb db)
{
    private Member? member;
    private bool looked;

    public async Task<Member?> MemberAsync(CancellationToken cancellation = default)
    {
        if (looked) return member;
        looked = true;
        if (http.HttpContext is { } context && await MemberAuthentication.MemberIdAsync(context) is { } id)
            member = await db.Members.AsNoTracking().Include(m => m.Tier).SingleOrDefaultAsync(m => m.Id == id, cancellation);
        return member;
    }

    public static bool MayRead(Member? member, Visibility visibility) => visibility switch
    {
        Visibility.Public => true,
        Visibility.Members => member is not null,
        _ => member?.Tier is { IsFree: false },
    };
}

/// <summary>The signed-in member as templates see them (<c>reader.name</c>, <c>reader.tier</c>); absent for anonymous readers.</summary>
public sealed record ReaderView(string Name, string Email, string Tier, bool Paid);
