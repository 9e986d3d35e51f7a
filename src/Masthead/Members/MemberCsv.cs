using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Members;

public sealed record CsvRefusal(int Line, string Reason);

/// <summary>One row of a members CSV: the member it names, or why it is refused.</summary>
public sealed record CsvRow(GhostMember? Member, CsvRefusal? Refusal);

public sealed record CsvImportSummary(int Created, int Updated, IReadOnlyList<CsvRefusal> Refused);

/// <summary>
/// Ghost's members CSV (<c>id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers</c>),
/// read and written with CsvHelper. An import refuses a bad row with its line and reason and imports the rest, in one
/// transaction saved a hundred rows at a time; an export escapes cells that a spreadsheet would run as a formula.
/// </summary>
public sealed class MemberCsv(MastheadDb db, MembersEditor editor)
{
    public static readonly string[] Columns =
        ["id", "email", "name", "note", "subscribed_to_emails", "complimentary_plan", "stripe_customer_id", "created_at", "deleted_at", "labels", "tiers"];

    private const int BatchSize = 100;

    public async Task<CsvImportSummary> ImportAsync(TextReader text, CancellationToken cancellation = default)
    {
        var refused = new List<CsvRefusal>();
        int created = 0, updated = 0, pending = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await foreach (var row in ReadAsync(text, cancellation))
        {
            if (row.Member is not { } member) { refused.Add(row.Refusal!); continue; }
            if (await editor.TakeAsync(member, cancellation)) created++;
            else updated++;

            if (++pending < BatchSize) continue;
            await db.SaveChangesAsync(cancellation);
            db.ChangeTracker.Clear();
            pending = 0;
        }
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return new CsvImportSummary(created, updated, refused);
    }

    /// <summary>The rows of a members CSV, each a member to take or a refusal with its line; nothing is stored.</summary>
    public static async IAsyncEnumerable<CsvRow> ReadAsync(TextReader text, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        using var csv = CsvReader.Create(text, new CsvReaderOptions
        {
            HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true, NormalizeHeaderName = header => header.Trim().ToLowerInvariant(),
        }, false);
        var first = await csv.ReadAsync(cancellation);
        if (!csv.TryGetFieldIndex("email", out _))
        {
            yield return new CsvRow(null, new CsvRefusal(1, "the first line must name the columns, with at least \"email\" (Ghost's members CSV)"));
            yield break;
        }
        var seen = new Dictionary<string, int>();
        for (var more = first; more; more = await csv.ReadAsync(cancellation))
        {
            var line = (int)csv.LineNumber;
            string? Field(string name) => csv.TryGetFieldIndex(name, out var index) && index < csv.FieldCount
                && csv.GetStringOrNull(index) is { } value && !string.IsNullOrWhiteSpace(value) ? Unescaped(value.Trim()) : null;
            var (member, reason) = Row(Field, line, seen);
            yield return new CsvRow(member, reason is null ? null : new CsvRefusal(line, reason));
        }
    }

    private static (GhostMember?, string?) Row(Func<string, string?> field, int line, Dictionary<string, int> seen)
    {
        var email = field("email");
        if (MemberAccounts.EmailProblem(email) is not null) return (null, $"\"{email}\" is not an email address");
        var address = MemberAccounts.Normalize(email!);
        if (seen.TryGetValue(address, out var earlier)) return (null, $"{address} is on line {earlier} already");
        seen[address] = line;
        if (field("deleted_at") is not null) return (null, "the member was deleted (deleted_at is set)");
        if (!Flag(field("subscribed_to_emails"), true, out var subscribed)) return (null, "subscribed_to_emails must be true or false");
        if (!Flag(field("complimentary_plan"), false, out var complimentary)) return (null, "complimentary_plan must be true or false");
        DateTime? joined = null;
        if (field("created_at") is { } date)
        {
            if (!DateTime.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                return (null, $"created_at \"{date}\" is not a date (ISO 8601, such as 2024-05-01T09:30:00Z)");
            joined = parsed;
        }
        if (field("name")?.Length > 300) return (null, "the name is longer than 300 characters");
        return (new GhostMember(address, field("name"), field("note"), joined, field("stripe_customer_id"), complimentary,
            SplitList(field("labels")), SplitList(field("tiers")).FirstOrDefault(t => !t.Equals("Free", StringComparison.OrdinalIgnoreCase)),
            subscribed ? null : []), null);
    }

    private static List<string> SplitList(string? cell) => (cell ?? "").Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

    /// <summary>Undoes the export's formula escape ("'=SUM(…)" back to "=SUM(…)"), so that export and import are inverse.</summary>
    private static string Unescaped(string value) => value.Length > 1 && value[0] == '\'' && "=+-@\t\r".Contains(value[1]) ? value[1..] : value;

    private static bool Flag(string? value, bool empty, out bool flag)
    {
        flag = empty;
        if (value is null) return true;
        if (bool.TryParse(value, out flag)) return true;
        return (flag = value == "1") || value == "0";
    }

    public async Task ExportAsync(IQueryable<Member> members, TextWriter text, CancellationToken cancellation = default)
    {
        await using var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape }, true);
        csv.WriteRecord(Columns);
        var rows = members.AsNoTracking().Include(m => m.Tier).Include(m => m.Labels).Include(m => m.Newsletters).AsSplitQuery().OrderBy(m => m.Id);
        for (var skip = 0; ; skip += 1000)
        {
            var page = await rows.Skip(skip).Take(1000).ToListAsync(cancellation);
            if (page.Count == 0) break;
            foreach (var m in page)
            {
                var paid = m.Tier is { IsFree: false };
                csv.WriteRecord([
                    m.Uuid.ToString("N")[..24], m.Email, m.Name!, m.Note!, m.Newsletters.Count > 0 ? "true" : "false",
                    paid && m.Complimentary ? "true" : "false", m.PaymentCustomerId!,
                    m.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), null!,
                    string.Join(",", m.Labels.Select(l => l.Name)), paid ? m.Tier!.Name : null!,
                ]);
            }
            await csv.FlushAsync(cancellation);
        }
    }
}
