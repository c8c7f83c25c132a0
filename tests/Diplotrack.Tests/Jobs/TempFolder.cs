namespace Diplotrack.Tests.Jobs;

/// <summary>A scratch folder under the system temp directory, removed when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("diplotrack-jobs-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a scratch folder left in /tmp is harmless.
        }
    }
}

/// <summary>The system clock moved by an offset, to let "later" arrive in a test (retry and re-fetch times).</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
