using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Search;

/// <summary>What narrows a search besides its words; ids are resolved from the slugs a reader's address carries.</summary>
public sealed record SearchFilter(int? PersonId, int? TermId, DateTime? FromUtc, DateTime? ToUtc);

public sealed record RankedId(int Id);

public sealed record Highlight(int Id, string Headline, string Snippet);

/// <summary>
/// The one place where the two stores' full-text dialects differ. Both take a parsed <see cref="SearchQuery"/> (never
/// raw input) and return published article ids, best first, then highlights for one page of them. Highlights mark
/// matches with U+0002 and U+0003, so the caller can encode the text and only then turn them into &lt;mark&gt;.
/// </summary>
public abstract class SearchEngine
{
    public const char MarkStart = '\u0002', MarkEnd = '\u0003';

    public static SearchEngine For(DatabaseLocation location) => location.IsSqlite ? new Fts5Engine() : new PostgresEngine();

    public async Task<(int Total, IReadOnlyList<int> Ids)> RankAsync(MastheadDb db, SearchQuery query, SearchFilter filter,
        bool newestFirst, int skip, int take, CancellationToken cancellation)
    {
        var sql = new Sql();
        var (count, ranked) = Statements(sql, query, Published(sql, filter), newestFirst);
        var total = await CountAsync(db, count, sql.Args.ToArray(), cancellation);
        if (total == 0 || skip >= total) return (total, []);
        var page = $"{ranked} LIMIT {sql.Arg(take)} OFFSET {sql.Arg(skip)}";
        var ids = await sql.Query<RankedId>(db, page).ToListAsync(cancellation);
        return (total, ids.Select(r => r.Id).ToList());
    }

    public abstract Task<IReadOnlyList<Highlight>> HighlightAsync(MastheadDb db, SearchQuery query, IReadOnlyList<int> ids,
        CancellationToken cancellation);

    protected virtual Task<int> CountAsync(MastheadDb db, string sql, object[] args, CancellationToken cancellation) =>
        db.Database.SqlQueryRaw<int>(sql, args).SingleAsync(cancellation);

    /// <summary>
    /// A count of the matches, and a SELECT of their ids ("Id") in order — best first, or newest first — both limited to
    /// the articles <paramref name="published"/> (conditions on <c>a</c>, an alias of Articles) lets through.
    /// Ties go to the newer article (higher id) on both stores.
    /// </summary>
    protected abstract (string Count, string Ranked) Statements(Sql sql, SearchQuery query, string published, bool newestFirst);

    private static string Published(Sql sql, SearchFilter filter)
    {
        var where = """a."Status" = 1 AND a."PublishedAt" IS NOT NULL""";
        if (filter.FromUtc is { } fromUtc) where += $""" AND a."PublishedAt" >= {sql.Arg(fromUtc)}""";
        if (filter.ToUtc is { } toUtc) where += $""" AND a."PublishedAt" < {sql.Arg(toUtc)}""";
        if (filter.PersonId is { } person)
            where += $""" AND EXISTS (SELECT 1 FROM "Byline" b WHERE b."ArticleId" = a."Id" AND b."PersonId" = {sql.Arg(person)})""";
        if (filter.TermId is { } term)
            where += $""" AND EXISTS (SELECT 1 FROM "ArticleTerms" t WHERE t."ArticleId" = a."Id" AND t."TermId" = {sql.Arg(term)})""";
        return where;
    }

    /// <summary>Positional arguments for EF's raw SQL: each value becomes a parameter, never text in the statement.</summary>
    protected sealed class Sql
    {
        public List<object> Args { get; } = [];

        public string Arg(object value)
        {
            Args.Add(value);
            return "{" + (Args.Count - 1) + "}";
        }

        /// <summary>Runs a statement whose every value went through <see cref="Arg"/>: its text holds only placeholders.</summary>
        public IQueryable<T> Query<T>(MastheadDb db, string statement) => db.Database.SqlQueryRaw<T>(statement, Args.ToArray());
    }
}

/// <summary>
/// SQLite: the FTS5 table, ranked by bm25 with the headline weighted 10, the dek 3 and the body 1. Which matches are
/// published is asked of the (Status, PublishedAt) index, never of the Articles rows: reaching those columns in a row
/// means walking past the body's overflow pages, which made a common word on 100,000 articles cost 0.6 s instead of 0.03.
/// The unary plus in <c>+rowid IN (…)</c> keeps SQLite from handing each published id to FTS5 as a separate lookup
/// (100,000 index probes: minutes); the list is checked against FTS5's matches instead.
/// </summary>
public sealed class Fts5Engine : SearchEngine
{
    protected override (string Count, string Ranked) Statements(Sql sql, SearchQuery query, string published, bool newestFirst)
    {
        var match = $""" "ArticleSearch" MATCH {sql.Arg(query.ToFts5())}""";
        var publishedIds = $"""SELECT a."Id" FROM "Articles" a WHERE {published}""";
        var count = $"""SELECT count(*) AS "Value" FROM "ArticleSearch" WHERE {match} AND +rowid IN ({publishedIds})""";
        return (count, newestFirst
            ? $"""SELECT a."Id" AS "Id" FROM "Articles" a WHERE {published} AND a."Id" IN (SELECT rowid FROM "ArticleSearch" WHERE {match}) ORDER BY a."PublishedAt" DESC, a."Id" DESC"""
            : $"""SELECT rowid AS "Id" FROM "ArticleSearch" WHERE {match} AND +rowid IN ({publishedIds}) ORDER BY bm25("ArticleSearch", 10.0, 3.0, 1.0), rowid DESC""");
    }

    public override async Task<IReadOnlyList<Highlight>> HighlightAsync(MastheadDb db, SearchQuery query, IReadOnlyList<int> ids,
        CancellationToken cancellation)
    {
        // A second, narrow query: snippet() over every match of a common word would cost more than the ranking itself.
        var sql = new Sql();
        var match = sql.Arg(query.ToFts5());
        var inList = string.Join(", ", ids.Select(id => sql.Arg(id)));
        var statement = $"""
            SELECT rowid AS "Id",
                   highlight("ArticleSearch", 0, char(2), char(3)) AS "Headline",
                   snippet("ArticleSearch", 2, char(2), char(3), '…', 40) AS "Snippet"
            FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {match} AND rowid IN ({inList})
            """;
        return await sql.Query<Highlight>(db, statement).ToListAsync(cancellation);
    }
}

/// <summary>PostgreSQL: the generated tsvector column (weights A headline, B dek, C body) and its GIN index.</summary>
public sealed class PostgresEngine : SearchEngine
{
    private const string HeadlineOptions = "HighlightAll=true, StartSel=\u0002, StopSel=\u0003";
    private const string SnippetOptions = "MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=\" … \", StartSel=\u0002, StopSel=\u0003";

    protected override (string Count, string Ranked) Statements(Sql sql, SearchQuery query, string published, bool newestFirst)
    {
        var tsQuery = TsQuery(sql, query);
        var from = $"""FROM "Articles" a WHERE a."SearchVector" @@ {tsQuery} AND {published}""";
        var order = newestFirst ? """a."PublishedAt" DESC""" : $"""ts_rank(ARRAY[0.05, 0.2, 0.4, 1.0]::real[], a."SearchVector", {tsQuery}) DESC""";
        return ($"""SELECT count(*) AS "Value" {from}""", $"""SELECT a."Id" AS "Id" {from} ORDER BY {order}, a."Id" DESC""");
    }

    /// <summary>
    /// For a word in most articles the planner prefers a sequential scan, which unpacks every row's TOASTed tsvector
    /// (0.6 s at 100,000 matches); the GIN bitmap answers from the index and the heap's visibility alone (0.05 s).
    /// The planner does not price the unpacking, so it is told, for this one statement's transaction only.
    /// </summary>
    protected override async Task<int> CountAsync(MastheadDb db, string sql, object[] args, CancellationToken cancellation)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellation) : null;
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", cancellation);
        var count = await db.Database.SqlQueryRaw<int>(sql, args).SingleAsync(cancellation);
        if (transaction is not null) await transaction.CommitAsync(cancellation);
        return count;
    }

    private static string TsQuery(Sql sql, SearchQuery query)
    {
        var parts = new List<string>();
        if (query.Words.Count > 0) parts.Add($"plainto_tsquery('english', {sql.Arg(query.PostgresWords)})");
        parts.AddRange(query.Phrases.Select(p => $"phraseto_tsquery('english', {sql.Arg(string.Join(' ', p))})"));
        return "(" + string.Join(" && ", parts) + ")";
    }

    public override async Task<IReadOnlyList<Highlight>> HighlightAsync(MastheadDb db, SearchQuery query, IReadOnlyList<int> ids,
        CancellationToken cancellation)
    {
        var sql = new Sql();
        var tsQuery = TsQuery(sql, query);
        var inList = string.Join(", ", ids.Select(id => sql.Arg(id)));
        var statement = $"""
            SELECT a."Id" AS "Id",
                   ts_headline('english', a."Headline", {tsQuery}, {sql.Arg(HeadlineOptions)}) AS "Headline",
                   ts_headline('english', a."BodyText", {tsQuery}, {sql.Arg(SnippetOptions)}) AS "Snippet"
            FROM "Articles" a WHERE a."Id" IN ({inList})
            """;
        return await sql.Query<Highlight>(db, statement).ToListAsync(cancellation);
    }
}
