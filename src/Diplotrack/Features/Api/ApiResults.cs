using Microsoft.AspNetCore.Http.HttpResults;

namespace Diplotrack.Features.Api;

public static class ApiResults
{
    public static Results<Ok<T>, ProblemHttpResult, ValidationProblem> ToApi<T>(this Outcome<T> outcome) =>
        outcome.Status switch
        {
            OutcomeStatus.Ok => TypedResults.Ok(outcome.Value!),
            OutcomeStatus.Invalid => Invalid(outcome),
            _ => Problem(outcome),
        };

    public static ValidationProblem Invalid<T>(Outcome<T> outcome) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [ValidationFilter.JsonName(outcome.Field ?? "")] = [outcome.Message!] });

    public static ProblemHttpResult Problem<T>(Outcome<T> outcome) => outcome.Status switch
    {
        OutcomeStatus.NotFound => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        OutcomeStatus.Conflict => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status409Conflict, title: "Edit conflict"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Status, "not a problem"),
    };
}
