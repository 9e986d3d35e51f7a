using System.Text.Json;
using System.Text.Json.Nodes;
using Masthead.Importing;
using Masthead.Importing.Ghost;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Importing;

/// <summary>The streaming reader of Ghost exports: the same rows as a whole-document parse, whatever the layout and size.</summary>
public sealed class GhostExportTests
{
    private static readonly string Fixture = TestFolders.Shared("fixtures", "ghost", "ghost-import.json");

    private static string Write(string json)
    {
        var file = Path.Combine(TestFolders.NewFolder("ghost-export"), "export.json");
        File.WriteAllText(file, json);
        return file;
    }

    private static List<string> Ids(IEnumerable<JsonElement> rows) => rows.Select(r => r.GetProperty("id").ToString()).ToList();

    [Fact]
    public void Every_table_of_the_fixture_reads_as_a_whole_parse_reads_it()
    {
        using var whole = JsonDocument.Parse(File.ReadAllText(Fixture));
        var export = GhostExport.Open(Fixture);
        foreach (var table in whole.RootElement.GetProperty("db")[0].GetProperty("data").EnumerateObject())
            Assert.Equal(table.Value.EnumerateArray().Select(r => r.GetRawText()), export.Rows(table.Name).Select(r => r.GetRawText()));
    }

    [Fact]
    public void Posts_larger_than_the_buffer_after_other_tables_and_in_the_older_layout()
    {
        // 300 posts of 10 KB each, a 200 KB one among them, the small tables after the posts, db[0] preceded by meta.
        var posts = new JsonArray(Enumerable.Range(1, 300).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = i.ToString(), ["title"] = $"Post {i}", ["html"] = $"<p>{new string('x', i == 150 ? 200_000 : 10_000)}</p>",
            ["nested"] = new JsonObject { ["a"] = new JsonArray(1, 2, new JsonObject { ["b"] = "]}" }) },
        }).ToArray());
        var data = new JsonObject { ["posts"] = posts, ["tags"] = new JsonArray(new JsonObject { ["id"] = "t1", ["name"] = "Harbour" }), ["odd"] = 3 };
        foreach (var json in new[]
        {
            new JsonObject { ["db"] = new JsonArray(new JsonObject { ["meta"] = new JsonObject { ["version"] = "5.0" }, ["data"] = data.DeepClone() }, 7) }.ToJsonString(),
            new JsonObject { ["meta"] = new JsonObject(), ["data"] = data.DeepClone() }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
        })
        {
            var export = GhostExport.Open(Write(json));
            Assert.Equal(Enumerable.Range(1, 300).Select(i => i.ToString()), Ids(export.Rows("posts")));
            Assert.Equal(200_007, export.Rows("posts").Single(p => p.GetProperty("id").GetString() == "150").GetProperty("html").GetString()!.Length);
            Assert.Equal(["t1"], Ids(export.Rows("tags")));
            Assert.Empty(export.Rows("odd"));
            Assert.Empty(export.Rows("members"));
        }
    }

    [Theory]
    [InlineData("{\"posts\": []}", 1, "not a Ghost export")]
    [InlineData("[1, 2]", 1, "not a Ghost export")]
    [InlineData("{\"db\": []}", 1, "not a Ghost export")]
    public void What_is_not_an_export_is_refused_with_the_reason(string json, int line, string reason)
    {
        var file = Write(json);
        var error = Assert.Throws<ImportError>(() => GhostExport.Open(file));
        Assert.Equal((file, line), (error.File, error.Line));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Broken_json_far_into_the_file_is_named_by_its_line_whether_in_a_kept_table_or_a_post()
    {
        var filler = string.Join(",\n", Enumerable.Range(1, 5000).Select(i => $"{{\"id\": \"{i}\", \"html\": \"<p>{new string('y', 40)}</p>\"}}"));
        // In the posts, which Open skips token by token: refused as the file is opened all the same.
        var file = Write("{\"db\": [{\"data\": {\n\"posts\": [\n" + filler + ",\n{\"id\": \"x\" \"title\": 1}\n]}}]}");
        var error = Assert.Throws<ImportError>(() => GhostExport.Open(file));
        Assert.Equal(5003, error.Line);
        Assert.StartsWith("invalid JSON at position", error.Reason);

        var truncated = Write("{\"db\": [{\"data\": {\n\"users\": [\n" + filler);
        Assert.Equal(5002, Assert.Throws<ImportError>(() => GhostExport.Open(truncated)).Line);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_refused_not_a_stack_overflow()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var file = Write("{\"db\": [{\"data\": {\"posts\": [{\"id\": \"1\", \"x\": " + deep + "}]}}]}");
        Assert.Contains("depth", Assert.Throws<ImportError>(() => GhostExport.Open(file)).Reason);
    }
}
