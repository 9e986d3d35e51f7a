using Masthead.ContentApi;

namespace Masthead.Tests.ContentApi;

public class NqlTests
{
    [Fact]
    public void And_binds_tighter_than_or_and_parentheses_regroup()
    {
        var loose = Assert.IsType<NqlOr>(Nql.Parse("tag:a,tag:b+author:c"));
        Assert.IsType<NqlCompare>(loose.Parts[0]);
        Assert.Equal(2, Assert.IsType<NqlAnd>(loose.Parts[1]).Parts.Count);

        var grouped = Assert.IsType<NqlAnd>(Nql.Parse("(tag:a,tag:b)+author:c"));
        Assert.Equal(2, Assert.IsType<NqlOr>(grouped.Parts[0]).Parts.Count);
    }

    [Theory]
    [InlineData("slug:-x", "slug", NqlOp.NotEqual, new[] { "x" })]
    [InlineData("tags:[a, b ,'c d']", "tags", NqlOp.In, new[] { "a", "b", "c d" })]
    [InlineData("tags:-[a,b]", "tags", NqlOp.NotIn, new[] { "a", "b" })]
    [InlineData("published_at:>'2020-01-01'", "published_at", NqlOp.Greater, new[] { "2020-01-01" })]
    [InlineData("published_at:>=2020-01-01", "published_at", NqlOp.GreaterOrEqual, new[] { "2020-01-01" })]
    [InlineData("count.posts:<=3", "count.posts", NqlOp.LessOrEqual, new[] { "3" })]
    [InlineData("title:~'it\\'s'", "title", NqlOp.Contains, new[] { "it's" })]
    [InlineData("title:-~^'The'", "title", NqlOp.NotStartsWith, new[] { "The" })]
    [InlineData("title:~$end", "title", NqlOp.EndsWith, new[] { "end" })]
    [InlineData("Featured:true", "featured", NqlOp.Equal, new[] { "true" })]
    public void Comparisons_read_as_Ghost_writes_them(string filter, string key, NqlOp op, string[] values)
    {
        var compare = Assert.IsType<NqlCompare>(Nql.Parse(filter));
        Assert.Equal((key, op), (compare.Key, compare.Op));
        Assert.Equal(values, compare.Values);
    }

    [Fact]
    public void Null_is_a_value_of_its_own()
    {
        Assert.Equal([null], Assert.IsType<NqlCompare>(Nql.Parse("feature_image:null")).Values);
        Assert.Equal(["null"], Assert.IsType<NqlCompare>(Nql.Parse("title:'null'")).Values);
    }

    [Theory]
    [InlineData("", "expected a field name at the end of the filter")]
    [InlineData("tag", "expected ':' after tag at the end of the filter")]
    [InlineData("tag:[a,b", "expected ']' at the end of the filter")]
    [InlineData("tag:'a", "a quoted value is never closed")]
    [InlineData("(tag:a", "expected ')' at the end of the filter")]
    [InlineData("tag:a)", "unexpected ')' at position 6")]
    [InlineData("tag:a,,tag:b", "expected a field name at position 7, found ','")]
    public void Malformed_filters_say_what_and_where(string filter, string message) =>
        Assert.Equal(message, Assert.Throws<NqlError>(() => Nql.Parse(filter)).Message);

    [Fact]
    public void Deep_nesting_and_huge_filters_are_refused_not_recursed()
    {
        Assert.Throws<NqlError>(() => Nql.Parse(new string('(', 100) + "tag:a" + new string(')', 100)));
        Assert.Throws<NqlError>(() => Nql.Parse(string.Join(",", Enumerable.Repeat("tag:a", 2000))));
    }
}
