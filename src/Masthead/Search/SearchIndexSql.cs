using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Search;

/// <summary>
/// The full-text indexes live in the store itself, maintained by the store: an FTS5 table kept by triggers on SQLite, a
/// generated <c>tsvector</c> column on PostgreSQL. Whatever writes an article (editor, scheduler, import, delete), the
/// index changes in the same transaction. EF knows nothing of them; migrations create them with this SQL.
/// </summary>
public static class SearchIndexSql
{
    // Headline, dek and body as separate columns, so that bm25 can weigh them. External content: the text is stored once,
    // in Articles; FTS5 keeps only the index. A migration that rebuilds the Articles table drops these triggers with it
    // and must run CreateSqliteTriggers again.
    public const string CreateSqliteTable = """
        CREATE VIRTUAL TABLE "ArticleSearch" USING fts5(
            "Headline", "Dek", "BodyText",
            content='Articles', content_rowid='Id',
            tokenize='porter unicode61 remove_diacritics 2');
        """;

    public const string CreateSqliteTriggers = """
        CREATE TRIGGER "ArticleSearch_Insert" AFTER INSERT ON "Articles" BEGIN
            INSERT INTO "ArticleSearch"(rowid, "Headline", "Dek", "BodyText") VALUES (new."Id", new."Headline", new."Dek", new."BodyText");
        END;
        CREATE TRIGGER "ArticleSearch_Delete" AFTER DELETE ON "Articles" BEGIN
            INSERT INTO "ArticleSearch"("ArticleSearch", rowid, "Headline", "Dek", "BodyText") VALUES ('delete', old."Id", old."Headline", old."Dek", old."BodyText");
        END;
        CREATE TRIGGER "ArticleSearch_Update" AFTER UPDATE OF "Headline", "Dek", "BodyText" ON "Articles" BEGIN
            INSERT INTO "ArticleSearch"("ArticleSearch", rowid, "Headline", "Dek", "BodyText") VALUES ('delete', old."Id", old."Headline", old."Dek", old."BodyText");
            INSERT INTO "ArticleSearch"(rowid, "Headline", "Dek", "BodyText") VALUES (new."Id", new."Headline", new."Dek", new."BodyText");
        END;
        """;

    public const string RebuildSqlite = """INSERT INTO "ArticleSearch"("ArticleSearch") VALUES ('rebuild');""";

    public const string DropSqlite = """
        DROP TRIGGER IF EXISTS "ArticleSearch_Insert";
        DROP TRIGGER IF EXISTS "ArticleSearch_Delete";
        DROP TRIGGER IF EXISTS "ArticleSearch_Update";
        DROP TABLE IF EXISTS "ArticleSearch";
        """;

    // Weights A (headline), B (dek), C (body); 'english' stems ("strikes" → "strike") and drops stop words.
    public const string CreatePostgresColumn = """
        ALTER TABLE "Articles" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english'::regconfig, coalesce("Headline", '')), 'A') ||
            setweight(to_tsvector('english'::regconfig, coalesce("Dek", '')), 'B') ||
            setweight(to_tsvector('english'::regconfig, coalesce("BodyText", '')), 'C')) STORED;
        """;

    public const string CreatePostgresIndex = """CREATE INDEX "IX_Articles_SearchVector" ON "Articles" USING GIN ("SearchVector");""";

    public const string DropPostgres = """
        DROP INDEX IF EXISTS "IX_Articles_SearchVector";
        ALTER TABLE "Articles" DROP COLUMN IF EXISTS "SearchVector";
        """;

    /// <summary>
    /// Builds the index again from the articles, in one transaction (`masthead search rebuild`): FTS5 re-reads every row
    /// and merges its segments; PostgreSQL recomputes the generated column and builds the GIN index from scratch.
    /// Nothing needs it in normal running; it repairs a store edited behind Masthead's back and times a full build.
    /// </summary>
    public static async Task RebuildAsync(MastheadDb db, CancellationToken cancellation = default)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(2)); // minutes on a large PostgreSQL store; the default is 30 s
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync(RebuildSqlite, cancellation);
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "ArticleSearch"("ArticleSearch") VALUES ('optimize');""", cancellation);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(DropPostgres + CreatePostgresColumn + CreatePostgresIndex, cancellation);
            await db.Database.ExecuteSqlRawAsync("""ANALYZE "Articles";""", cancellation);
        }
        await transaction.CommitAsync(cancellation);
    }
}
