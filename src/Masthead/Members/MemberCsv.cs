using System.Globalization;
using CsvHelper;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Members;

public sealed record CsvRefusal(int Line, string Reason);

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
        int created = 0, updated = 0;
        using var csv = CsvReader.Create(text, new CsvReaderOptions
        {
            HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true, NormalizeHeaderName = header => header.Trim().ToLowerInvariant(),
        }, false);
        var first = await csv.ReadAsync(cancellation);
        if (!csv.TryGetFieldIndex("email", out _))
            return new CsvImportSummary(0, 0, [new CsvRefusal(1, "the first line must name the columns, with at least \"email\" (Ghost's members CSV)")]);

        var seen = new Dictionary<string, int>();
        var pending = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        for (var more = first; more; more = await csv.ReadAsync(cancellation))
        {
            var line = (int)csv.LineNumber;
            string? Field(string name) => csv.TryGetFieldIndex(name, out var index) && index < csv.FieldCount
                && csv.GetStringOrNull(index) is { } value && !string.IsNullOrWhiteSpace(value) ? Unescaped(value.Trim()) : null;
            var email = Field("email");
            if (MemberAccounts.EmailProblem(email) is not null) { refused.Add(new(line, $"\"{email}\" is not an email address")); continue; }
            var address = MemberAccounts.Normalize(email!);
            if (seen.TryGetValue(address, out var earlier)) { refused.Add(new(line, $"{address} is on line {earlier} already")); continue; }
            seen[address] = line;
            if (Field("deleted_at") is not null) { refused.Add(new(line, "the member was deleted (deleted_at is set)")); continue; }
            if (!Flag(Field("subscribed_to_emails"), true, out var subscribed)) { refused.Add(new(line, "subscribed_to_emails must be true or false")); continue; }
            if (!Flag(Field("complimentary_plan"), false, out var complimentary)) { refused.Add(new(line, "complimentary_plan must be true or false")); continue; }
            DateTime? joined = null;
            if (Field("created_at") is { } date)
            {
                if (!DateTime.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                { refused.Add(new(line, $"created_at \"{date}\" is not a date (ISO 8601, such as 2024-05-01T09:30:00Z)")); continue; }
                joined = parsed;
            }
            if (Field("name")?.Length > 300) { refused.Add(new(line, "the name is longer than 300 characters")); continue; }

            if (await editor.TakeAsync(new GhostMember(address, Field("name"), Field("note"), joined, Field("stripe_customer_id"), complimentary,
                    SplitList(Field("labels")), SplitList(Field("tiers")).FirstOrDefault(t => !t.Equals("Free", StringComparison.OrdinalIgnoreCase)),
                    subscribed ? null : []), cancellation))
                created++;
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
