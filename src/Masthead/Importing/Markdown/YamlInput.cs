using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Masthead.Importing.Markdown;

/// <summary>
/// YAML as an importer reads it: refused with its line when malformed, and when nested deeper than
/// <see cref="MaxDepth"/> — YamlDotNet builds its node tree recursively, and 100,000 nested "[" overflowed the stack,
/// which no catch can stop. The depth is counted first from the parser's events, which need no recursion.
/// </summary>
public static class YamlInput
{
    public const int MaxDepth = 64;

    /// <param name="firstLine">The file's line number of the YAML's first line.</param>
    public static YamlStream Load(string yaml, string file, int firstLine)
    {
        try
        {
            var parser = new Parser(new StringReader(yaml));
            var depth = 0;
            while (parser.MoveNext())
            {
                if (parser.Current is SequenceStart or MappingStart && ++depth > MaxDepth)
                    throw new ImportError(file, (int)parser.Current.Start.Line + firstLine - 1,
                        $"YAML nested more than {MaxDepth} levels deep; front matter and side files are a few levels at most");
                if (parser.Current is SequenceEnd or MappingEnd) depth--;
            }
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream;
        }
        catch (YamlException error)
        {
            throw new ImportError(file, (int)error.Start.Line + firstLine - 1, "invalid YAML: " + error.Message);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's own state and argument errors on some malformed input ("title: [unclosed", a tag that is not a
            // URI, an event where a node should be: the last two found by fuzzing).
            throw new ImportError(file, firstLine, "invalid YAML (" + error.Message.Split(" (Parameter")[0] + "); check brackets, quotes and '!' tags");
        }
    }
}
