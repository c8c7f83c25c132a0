namespace Diplotrack.Verbs;

/// <summary>
/// Runs a verb's work in a DI scope of the application's services and turns operator errors into one line. Program.cs
/// hands each verb the host's runner, so the features that define verbs do not depend on Hosting.
/// </summary>
public delegate Task<int> CliRunner(Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken ct);
