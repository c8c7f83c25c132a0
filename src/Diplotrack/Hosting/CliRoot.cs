using System.CommandLine;
using Diplotrack.Features.Bench;
using Diplotrack.Features.Coding;
using Diplotrack.Features.Coding.Recoding;
using Diplotrack.Features.Database;
using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Ingestion.Seed;
using Diplotrack.Features.Ingestion.Sources;
using Diplotrack.Features.Reporting;
using Diplotrack.Features.Stance;
using Diplotrack.Features.Users;
using Diplotrack.Verbs;

namespace Diplotrack.Hosting;

/// <summary>The <c>diplotrack</c> command tree, built here so that tests can walk it (every verb has a --help example).</summary>
public static class CliRoot
{
    public static RootCommand Create()
    {
        // Verbs that need the database get Hosting's runner; the features never reach into Hosting.
        var root = new RootCommand("Diplotrack: diplomatic statements, coded and tracked over time.")
        {
            ServeCommand.Create(),
            MigrateCommand.Create(CliHost.RunAsync),
            SeedCommand.Create(CliHost.RunAsync),
            IngestCommand.Create(CliHost.RunAsync),
            SourcesCommand.Create(CliHost.RunAsync),
            ReportingRoleCommand.Create(CliHost.RunAsync),
            ReportCommand.Create(CliHost.RunAsync),
            CodeCommand.Create(),
            EvalCommand.Create(),
            TrainCommand.Create(),
            RecodeCommand.Create(CliHost.RunAsync),
            UsersCommand.Create(CliHost.RunAsync),
            TokensCommand.Create(CliHost.RunAsync),
            RecomputeCommand.Create(CliHost.RunAsync),
            BenchCommand.Create(),
        };
        HelpExamples.Apply(root);
        return root;
    }
}
