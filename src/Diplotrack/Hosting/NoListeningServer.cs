using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Diplotrack.Hosting;

/// <summary>
/// The server of a worker without a health address: it listens nowhere. A worker serves no UI or API, and a port it
/// opened anyway made a second worker on the same host fail with "address already in use" (issue 17, item 6).
/// </summary>
internal sealed class NoListeningServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public NoListeningServer() => Features.Set<IServerAddressesFeature>(new ServerAddressesFeature());

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
        Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() { }
}
