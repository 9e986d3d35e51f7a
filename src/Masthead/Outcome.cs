namespace Masthead;

public enum RefusalKind { NotFound, Forbidden, Invalid, Conflict }

/// <summary>
/// Why a write was not done: the one way every owner of a write says no. Pages show it (BackOfficePage.Show), APIs
/// answer it as problem details (<see cref="ToProblem"/>). <see cref="Errors"/> are by form field; <see cref="Detail"/>
/// carries what the caller needs to offer a way on (the links to confirm, the version saved meanwhile).
/// </summary>
public sealed record Refusal(RefusalKind Kind, IReadOnlyDictionary<string, string> Errors, string? Message = null, object? Detail = null)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static Refusal NotFound(string? message = null) => new(RefusalKind.NotFound, None, message);
    public static Refusal Forbidden(string? message = null) => new(RefusalKind.Forbidden, None, message);
    public static Refusal Invalid(IReadOnlyDictionary<string, string> errors, object? detail = null) => new(RefusalKind.Invalid, errors, null, detail);
    public static Refusal Invalid(string field, string message) => new(RefusalKind.Invalid, new Dictionary<string, string> { [field] = message });
    public static Refusal Conflict(string message, object? detail = null) => new(RefusalKind.Conflict, None, message, detail);

    public IResult ToProblem() => Kind switch
    {
        RefusalKind.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: Message),
        RefusalKind.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: Message),
        RefusalKind.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: Message),
        _ => Results.ValidationProblem(Errors.ToDictionary(e => e.Key, e => new[] { e.Value })),
    };
}

/// <summary>What a write came to: its result, or a <see cref="Refusal"/>.</summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, Refusal? refusal) => (Value, Refusal) = (value, refusal);

    public T? Value { get; }
    public Refusal? Refusal { get; }
    public bool Succeeded => Refusal is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}

/// <summary>For writes that return nothing but their success.</summary>
public readonly record struct Done
{
    public static readonly Done Value = new();
}
