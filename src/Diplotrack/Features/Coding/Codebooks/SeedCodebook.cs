using Diplotrack.Text.Codebook;
using Diplotrack.Text.Learning;
using Microsoft.Extensions.Options;

namespace Diplotrack.Features.Coding.Codebooks;

/// <summary>The coder for work that runs outside a request (bulk verbs, benchmarks), each in its own DI scope.</summary>
public static class SeedCodebook
{
    /// <summary>
    /// The coder of the current codebook version, after storing seed/codebook as <c>seed</c> does (idempotent: the
    /// same content is stored once), so a bulk load works on a database that has only been migrated.
    /// </summary>
    public static async Task<CombinedCoder> StoreAndGetCoderAsync(IServiceProvider services, string? user, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var seed = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value.ResolveDirectory();
        var codebooks = scope.ServiceProvider.GetRequiredService<CodebookService>();
        await codebooks.StoreAsync(CodebookLoader.Load(Path.Combine(seed, "codebook")), user, "seed/codebook", ct);
        return await codebooks.CurrentCoderAsync(ct);
    }

    public static async Task<CombinedCoder> CurrentCoderAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CodebookService>().CurrentCoderAsync(ct);
    }
}
