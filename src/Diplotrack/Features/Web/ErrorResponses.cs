using System.Net.Mime;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Diplotrack.Features.Web;

/// <summary>
/// What an unhandled exception answers. A database outage is 503 (try again later), anything else 500; the API answers
/// problem+json, pages a plain HTML page (issue 17, item 7: browsers got problem+json, since they accept */*). The
/// page has no layout: the layout asks for the user, which may be what failed.
/// </summary>
public sealed class ErrorResponses(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait after a 503: about what a PostgreSQL restart takes.</summary>
    private const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var outage = IsDatabaseUnavailable(exception);
        var status = outage ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        context.Response.StatusCode = status;
        if (outage) context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var title = outage ? "The database is unavailable; try again in a minute." : "An unexpected error occurred.";

        if (context.Request.Path.StartsWithSegments("/api"))
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = { Status = status, Title = title },
            });

        context.Response.ContentType = MediaTypeNames.Text.Html + "; charset=utf-8";
        var heading = outage ? "Temporarily unavailable" : "Something went wrong";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{heading} – Diplotrack</title></head>
            <body>
            <h1>{heading}</h1>
            <p>{title}</p>
            <p><a href="/">Back to the start page</a></p>
            </body>
            </html>
            """, cancellationToken);
        return true;
    }

    /// <summary>
    /// The database cannot be reached: a connection-level Npgsql error (refused, cut, timed out) anywhere in the chain,
    /// or a server error that Npgsql deems transient (shutting down, starting up, too many connections).
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException npgsql && (npgsql is not PostgresException || npgsql.IsTransient))
                return true;
        return false;
    }
}
