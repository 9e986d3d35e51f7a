using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Masthead.Importing.Ghost;

/// <summary>
/// A Ghost export read without holding it: <c>{"db":[{"meta":…,"data":{TABLE:[rows]…}}]}</c> (or the older
/// <c>{"meta":…,"data":…}</c>). The small tables the importer looks rows up in (users, tags, the join tables, settings…)
/// are kept whole; posts and members, which grow with the site, are read again from the file a row at a time, so memory is
/// bounded by the largest row and the lookups, not by the file.
/// </summary>
public sealed class GhostExport
{
    public const int MaxDepth = 256;

    private static readonly HashSet<string> Streamed = ["posts", "members"];
    private readonly Dictionary<string, JsonElement[]> kept = [];
    private readonly string file;

    private GhostExport(string file) => this.file = file;

    /// <summary>Checks the file is UTF-8 and a Ghost export, and reads its small tables.</summary>
    public static GhostExport Open(string file)
    {
        if (!File.Exists(file)) throw new ImportError(file, 0, "no such file");
        CheckUtf8(file);
        var export = new GhostExport(file);
        using var tokens = new JsonTokens(file);
        foreach (var table in tokens.Tables())
        {
            if (Streamed.Contains(table)) { tokens.Skip(); continue; }
            // One document per table: far smaller than a document per row, and these tables are rows of a few ids.
            var value = tokens.Value();
            if (value.ValueKind == JsonValueKind.Array) export.kept[table] = [.. export.kept.GetValueOrDefault(table) ?? [], value];
        }
        return export;
    }

    /// <summary>The objects of one table, in the file's order; anything else in it (a number, a list) is not a row.</summary>
    public IEnumerable<JsonElement> Rows(string table) =>
        !Streamed.Contains(table)
            ? (kept.GetValueOrDefault(table) ?? []).SelectMany(rows => rows.EnumerateArray()).Where(row => row.ValueKind == JsonValueKind.Object)
            : Stream(table);

    private IEnumerable<JsonElement> Stream(string table)
    {
        using var tokens = new JsonTokens(file);
        foreach (var name in tokens.Tables())
        {
            if (name != table || !tokens.EnterArray()) { tokens.Skip(); continue; }
            while (tokens.NextElement() is { } row) if (row.ValueKind == JsonValueKind.Object) yield return row;
        }
    }

    // JSON must be UTF-8; a broken byte would otherwise surface only when the string holding it is read.
    private static void CheckUtf8(string file)
    {
        using var stream = File.OpenRead(file);
        var bytes = new byte[64 * 1024];
        var chars = new char[64 * 1024];
        int held = 0, line = 1;
        while (true)
        {
            var read = stream.Read(bytes, held, bytes.Length - held);
            var final = read == 0;
            var span = bytes.AsSpan(0, held + read);
            var status = Utf8.ToUtf16(span, chars, out var used, out _, replaceInvalidSequences: false, isFinalBlock: final);
            while (status == OperationStatus.DestinationTooSmall)
            {
                line += span[..used].Count((byte)'\n');
                span = span[used..];
                status = Utf8.ToUtf16(span, chars, out used, out _, replaceInvalidSequences: false, isFinalBlock: final);
            }
            line += span[..used].Count((byte)'\n');
            if (status == OperationStatus.InvalidData)
                throw new ImportError(file, line, "not UTF-8 text: save the export as UTF-8 (Ghost's own exports are)");
            if (final) return;
            span[used..].CopyTo(bytes); // an incomplete character at the end waits for the next read
            held = span.Length - used;
        }
    }

    /// <summary>A file's JSON tokens with a buffer that grows only to the largest value asked for whole.</summary>
    private sealed class JsonTokens(string file) : IDisposable
    {
        private readonly FileStream stream = File.OpenRead(file);
        private byte[] buffer = new byte[64 * 1024];
        private int start, end;
        private bool final;
        private JsonReaderState state = new(new JsonReaderOptions { MaxDepth = MaxDepth });

        public void Dispose() => stream.Dispose();

        /// <summary>Walks to db[0].data (or data) and yields each table's name; the caller then takes or skips its value.</summary>
        public IEnumerable<string> Tables()
        {
            var found = false;
            if (Next() is not (JsonTokenType.StartObject, _)) throw NotGhost();
            while (Next() is (JsonTokenType.PropertyName, var property))
            {
                if (property == "data" && EnterObject()) { found = true; foreach (var table in DataTables()) yield return table; }
                else if (property == "db" && EnterArray())
                {
                    if (Peek() == JsonTokenType.StartObject)
                    {
                        Next();
                        while (Next() is (JsonTokenType.PropertyName, var inner))
                            if (inner == "data" && EnterObject()) { found = true; foreach (var table in DataTables()) yield return table; }
                            else Skip();
                    }
                    while (Peek() != JsonTokenType.EndArray) Skip(); // only db[0] is read
                    Next();
                }
                else Skip();
            }
            if (!found) throw NotGhost();
        }

        // Inside data: each property is a table.
        private IEnumerable<string> DataTables()
        {
            while (Next() is (JsonTokenType.PropertyName, var name)) yield return name!;
        }

        private ImportError NotGhost() => new(file, 1, "not a Ghost export: there is no db[0].data (posts, tags, users…)");

        /// <summary>Steps into an array if the next value is one; otherwise leaves it to be skipped.</summary>
        public bool EnterArray() => Peek() == JsonTokenType.StartArray && Next().Type == JsonTokenType.StartArray;

        private bool EnterObject() => Peek() == JsonTokenType.StartObject && Next().Type == JsonTokenType.StartObject;

        /// <summary>The array's next element whole, or null at its end.</summary>
        public JsonElement? NextElement()
        {
            if (Peek() != JsonTokenType.EndArray) return Value();
            Next();
            return null;
        }

        /// <summary>The next value whole; the buffer grows to hold it.</summary>
        public JsonElement Value()
        {
            while (true)
            {
                var reader = Reader();
                try
                {
                    if (reader.Read())
                    {
                        var whole = reader;
                        if (whole.TrySkip())
                        {
                            var element = JsonElement.ParseValue(ref reader);
                            Take(reader);
                            return element;
                        }
                    }
                }
                catch (JsonException error) { throw Invalid(error); }
                if (!Fill()) throw Truncated();
            }
        }

        /// <summary>Skips the next value, token by token, never holding it.</summary>
        public void Skip()
        {
            if (Next().Type is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
            for (var depth = 1; depth > 0;)
            {
                var type = Next().Type;
                if (type is JsonTokenType.StartObject or JsonTokenType.StartArray) depth++;
                else if (type is JsonTokenType.EndObject or JsonTokenType.EndArray) depth--;
            }
        }

        private JsonTokenType Peek()
        {
            while (true)
            {
                var reader = Reader();
                try { if (reader.Read()) return reader.TokenType; }
                catch (JsonException error) { throw Invalid(error); }
                if (!Fill()) throw Truncated();
            }
        }

        private (JsonTokenType Type, string? Name) Next()
        {
            while (true)
            {
                var reader = Reader();
                try
                {
                    if (reader.Read())
                    {
                        var name = reader.TokenType == JsonTokenType.PropertyName ? reader.GetString() : null;
                        Take(reader);
                        return (reader.TokenType, name);
                    }
                }
                catch (JsonException error) { throw Invalid(error); }
                if (!Fill()) throw Truncated();
            }
        }

        private Utf8JsonReader Reader() => new(buffer.AsSpan(start, end - start), final, state);

        private void Take(Utf8JsonReader reader)
        {
            start += (int)reader.BytesConsumed;
            state = reader.CurrentState;
        }

        /// <summary>Reads more of the file, keeping what is not consumed; false at its end.</summary>
        private bool Fill()
        {
            if (final) return false;
            if (start == 0 && end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            else if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                (end, start) = (end - start, 0);
            }
            var read = stream.Read(buffer, end, buffer.Length - end);
            end += read;
            final = read == 0;
            return true;
        }

        private ImportError Invalid(JsonException error) => new(file, (int)(error.LineNumber ?? 0) + 1,
            $"invalid JSON at position {(error.BytePositionInLine ?? 0) + 1}: {error.Message.Split(" LineNumber:")[0]}");

        private ImportError Truncated() => new(file, 0, "invalid JSON: the file ends before the export does");
    }
}
