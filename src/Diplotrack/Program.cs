using Diplotrack.Hosting;

// diplotrack <verb>: one executable for the server, the workers and every operator task (docs/architecture.md).
return await CliRoot.Create().Parse(args).InvokeAsync();
