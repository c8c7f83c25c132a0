namespace Diplotrack.Features.Api;

public enum OutcomeStatus { Ok, NotFound, Conflict, Invalid }

/// <summary>
/// What a command did, shared by the API (mapped to status codes and problem details) and the pages (mapped to
/// messages). <see cref="Field"/> names the request property an <see cref="OutcomeStatus.Invalid"/> message belongs to.
/// </summary>
public sealed record Outcome<T>(OutcomeStatus Status, T? Value = default, string? Message = null, string? Field = null)
{
    public static Outcome<T> Ok(T value) => new(OutcomeStatus.Ok, value);
    public static Outcome<T> NotFound(string message) => new(OutcomeStatus.NotFound, Message: message);
    public static Outcome<T> Conflict(string message) => new(OutcomeStatus.Conflict, Message: message);
    public static Outcome<T> Invalid(string field, string message) => new(OutcomeStatus.Invalid, Message: message, Field: field);
}
