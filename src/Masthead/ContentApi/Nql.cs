using System.Text;

namespace Masthead.ContentApi;

/// <summary>
/// Ghost's filter language (NQL) as front ends write it: <c>key:value</c>, <c>key:-value</c> (not), <c>key:&gt;value</c>,
/// <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>key:[a,b]</c> (in), <c>key:-[a,b]</c>, <c>~</c> (contains), <c>~^</c>
/// (starts with), <c>~$</c> (ends with), <c>+</c> (and, binds tighter), <c>,</c> (or) and parentheses. Values are bare
/// words, 'quoted text' (with \' inside), numbers, true, false and null. Anything else is a <see cref="NqlError"/>.
/// </summary>
public abstract record NqlNode;

public sealed record NqlAnd(IReadOnlyList<NqlNode> Parts) : NqlNode;

public sealed record NqlOr(IReadOnlyList<NqlNode> Parts) : NqlNode;

/// <summary>One comparison; <see cref="Values"/> holds one value except for (not) in. A null value is NQL's null.</summary>
public sealed record NqlCompare(string Key, NqlOp Op, IReadOnlyList<string?> Values) : NqlNode;

public enum NqlOp { Equal, NotEqual, Greater, GreaterOrEqual, Less, LessOrEqual, In, NotIn, Contains, NotContains, StartsWith, NotStartsWith, EndsWith, NotEndsWith }

public sealed class NqlError(string message) : Exception(message);

public static class Nql
{
    public const int MaxLength = 4000;

    public static NqlNode Parse(string text)
    {
        if (text.Length > MaxLength) throw new NqlError($"the filter is longer than {MaxLength} characters");
        var parser = new Parser(text);
        var node = parser.Or(depth: 0);
        parser.SkipSpace();
        if (!parser.AtEnd) throw new NqlError($"unexpected '{parser.Current}' at position {parser.Position + 1}");
        return node;
    }

    private sealed class Parser(string text)
    {
        private const int MaxDepth = 20;
        private int position;

        public int Position => position;
        public bool AtEnd => position >= text.Length;
        public char Current => text[position];

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(Current)) position++;
        }

        private bool Take(char c)
        {
            SkipSpace();
            if (AtEnd || Current != c) return false;
            position++;
            return true;
        }

        private NqlError Expected(string what) =>
            new(AtEnd ? $"expected {what} at the end of the filter" : $"expected {what} at position {position + 1}, found '{Current}'");

        public NqlNode Or(int depth)
        {
            var parts = new List<NqlNode> { And(depth) };
            while (Take(',')) parts.Add(And(depth));
            return parts.Count == 1 ? parts[0] : new NqlOr(parts);
        }

        private NqlNode And(int depth)
        {
            var parts = new List<NqlNode> { Term(depth) };
            while (Take('+')) parts.Add(Term(depth));
            return parts.Count == 1 ? parts[0] : new NqlAnd(parts);
        }

        private NqlNode Term(int depth)
        {
            if (!Take('(')) return Comparison();
            if (depth >= MaxDepth) throw new NqlError($"parentheses nest deeper than {MaxDepth}");
            var inner = Or(depth + 1);
            if (!Take(')')) throw Expected("')'");
            return inner;
        }

        private NqlCompare Comparison()
        {
            SkipSpace();
            var start = position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '_' or '.')) position++;
            if (position == start) throw Expected("a field name");
            var key = text[start..position].ToLowerInvariant();
            if (!Take(':')) throw Expected("':' after " + key);

            var negated = Take('-');
            NqlOp op;
            if (Take('['))
            {
                var values = new List<string?> { Value() };
                while (Take(',')) values.Add(Value());
                if (!Take(']')) throw Expected("']'");
                return new NqlCompare(key, negated ? NqlOp.NotIn : NqlOp.In, values);
            }
            if (Take('~'))
                op = Take('^') ? (negated ? NqlOp.NotStartsWith : NqlOp.StartsWith)
                    : Take('$') ? (negated ? NqlOp.NotEndsWith : NqlOp.EndsWith)
                    : negated ? NqlOp.NotContains : NqlOp.Contains;
            else if (negated) op = NqlOp.NotEqual;
            else if (Take('>')) op = Take('=') ? NqlOp.GreaterOrEqual : NqlOp.Greater;
            else if (Take('<')) op = Take('=') ? NqlOp.LessOrEqual : NqlOp.Less;
            else op = NqlOp.Equal;
            return new NqlCompare(key, op, [Value()]);
        }

        private string? Value()
        {
            SkipSpace();
            if (AtEnd) throw Expected("a value");
            if (Current is '\'' or '"')
            {
                var quote = Current;
                position++;
                var value = new StringBuilder();
                while (true)
                {
                    if (AtEnd) throw new NqlError("a quoted value is never closed");
                    if (Current == '\\' && position + 1 < text.Length) { value.Append(text[position + 1]); position += 2; continue; }
                    if (Current == quote) { position++; return value.ToString(); }
                    value.Append(Current);
                    position++;
                }
            }
            var start = position;
            while (!AtEnd && !char.IsWhiteSpace(Current) && Current is not (',' or '+' or '(' or ')' or '[' or ']' or '\'' or '"')) position++;
            if (position == start) throw Expected("a value");
            var bare = text[start..position];
            return bare == "null" ? null : bare;
        }
    }
}
