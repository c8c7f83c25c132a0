using Microsoft.Extensions.Options;

namespace Diplotrack.Features.Ingestion.Sources;

/// <summary>The result of one GET: a body, or why there is none. Never an exception for the site's faults.</summary>
public sealed record FetchResult(int? Status, byte[]? Body, string? ContentType, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Fetches pages through <see cref="IHttpClientFactory"/> with the configured timeout and size limit, one request at
/// a time and at least <see cref="SourcesOptions.RequestDelayMilliseconds"/> apart.
/// </summary>
public sealed class PageFetcher(IHttpClientFactory factory, IOptions<SourcesOptions> options, TimeProvider clock)
{
    public const string ClientName = "sources";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastRequest;

    public async Task<FetchResult> FetchAsync(Uri url, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var wait = TimeSpan.FromMilliseconds(options.Value.RequestDelayMilliseconds) - clock.GetElapsedTime(_lastRequest);
            if (_lastRequest != 0 && wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
            return await GetAsync(url, ct);
        }
        finally
        {
            _lastRequest = clock.GetTimestamp();
            _gate.Release();
        }
    }

    private async Task<FetchResult> GetAsync(Uri url, CancellationToken ct)
    {
        var client = factory.CreateClient(ClientName);
        var max = options.Value.MaxPageBytes;
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) return new FetchResult(status, null, null, $"HTTP {status} {response.ReasonPhrase}".TrimEnd());
            if (response.Content.Headers.ContentLength > max) return new FetchResult(status, null, null, $"page larger than {max} bytes");
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (body.LongLength > max) return new FetchResult(status, null, null, $"page larger than {max} bytes");
            return new FetchResult(status, body, response.Content.Headers.ContentType?.ToString(), null);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new FetchResult(null, null, null, $"timeout after {options.Value.TimeoutSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            return new FetchResult(ex.StatusCode is { } code ? (int)code : null, null, null, $"network error: {ex.Message}");
        }
    }
}
