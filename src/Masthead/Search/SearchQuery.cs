using System.Text;

namespace Masthead.Search;

/// <summary>
/// What a reader typed, reduced to words and quoted phrases of letters and digits. Nothing of the engines' own query
/// languages (FTS5's NEAR, OR, column filters and stars; tsquery's operators) survives, so no input can make a query
/// fail: absurd input becomes an empty query with a <see cref="Notice"/> saying why.
/// </summary>
public sealed record SearchQuery(IReadOnlyList<string> Words, IReadOnlyList<IReadOnlyList<string>> Phrases, string? Notice)
{
    public const int MaxInputLength = 1000;
    public const int MaxTokens = 20;

    // PostgreSQL's 'english' configuration drops these; dropping them here too makes both engines answer alike
    // ("war or peace" must not need the word "or" on SQLite). Inside a quoted phrase they are kept.
    private static readonly HashSet<string> StopWords =
    [
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves", "he", "him",
        "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves",
        "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being",
        "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the", "and", "but", "if", "or", "because", "as",
        "until", "while", "of", "at", "by", "for", "with", "about", "against", "between", "into", "through", "during", "before",
        "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further",
        "then", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most",
        "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will",
        "just", "don", "should", "now",
    ];

    public bool IsEmpty => Words.Count == 0 && Phrases.Count == 0;

    public static SearchQuery Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return new([], [], "Type a word or a phrase to search for.");
        string? notice = null;
        if (input.Length > MaxInputLength)
        {
            input = input[..MaxInputLength];
            notice = $"Only the first {MaxInputLength} characters of your search were used.";
        }

        var words = new List<string>();
        var phrases = new List<IReadOnlyList<string>>();
        var tokens = 0;
        var inPhrase = false;
        var phrase = new List<string>();
        var word = new StringBuilder();

        void EndWord()
        {
            if (word.Length == 0) return;
            var token = word.ToString().ToLowerInvariant();
            word.Clear();
            if (tokens++ >= MaxTokens) return;
            (inPhrase ? phrase : words).Add(token);
        }
        void EndPhrase()
        {
            if (phrase.Count == 1) words.Add(phrase[0]);
            else if (phrase.Count > 1) phrases.Add(phrase.ToList());
            phrase.Clear();
        }

        foreach (var c in input)
        {
            if (char.IsLetterOrDigit(c)) { word.Append(c); continue; }
            EndWord();
            if (c is '"' or '“' or '”')
            {
                if (inPhrase) EndPhrase();
                inPhrase = !inPhrase;
            }
        }
        EndWord();
        EndPhrase(); // an unbalanced quote: what follows it is still a phrase

        if (tokens > MaxTokens) notice = $"Only the first {MaxTokens} words of your search were used.";
        if (words.Count == 0 && phrases.Count == 0)
            return new([], [], "Nothing to search for: use words or numbers, and quotes around a phrase.");
        var meaningful = words.Where(w => !StopWords.Contains(w)).Distinct().ToList();
        if (meaningful.Count == 0 && phrases.Count == 0)
            return new([], [], "Those words are too common to search for; add a more particular one, or quote a phrase.");
        return new(meaningful, phrases, notice);
    }

    /// <summary>FTS5 MATCH syntax: every token a quoted string, so operators typed by a reader are only words.</summary>
    public string ToFts5() => string.Join(' ',
        Words.Select(w => $"\"{w}\"").Concat(Phrases.Select(p => $"\"{string.Join(' ', p)}\"")));

    /// <summary>The words as one text for plainto_tsquery, each phrase as one text for phraseto_tsquery.</summary>
    public string PostgresWords => string.Join(' ', Words);

    public override string ToString() => string.Join(' ', Words.Concat(Phrases.Select(p => $"\"{string.Join(' ', p)}\"")));
}
