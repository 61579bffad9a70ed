using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Publication;

namespace Xinyong.Cli;

/// <summary>
/// The query feature's maintenance commands: <c>archive</c> (end the disclosure periods that are due, Art. 37) and
/// <c>search-index</c> (bring the public search's name index up to date, e.g. after a bulk load). A running platform
/// does both by itself on its background job; these are for operators and scheduled runs.
/// </summary>
internal static class QueryCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var archive = new Command("archive", "Archive every record whose disclosure period ended (Art. 37); prints {\"archived\":N}");
        PlatformCommands.Common(archive);
        archive.SetAction(pr =>
        {
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr));
            ctx.Out.WriteLine(Json.Line(new { archived = new Xinyong.Application.Disclosure.DisclosurePeriods(ActivatorUtilities.CreateInstance<DisclosureArchive>(sp)).Run() }));
            return 0;
        });
        root.Subcommands.Add(archive);

        var index = new Command("search-index", "Index the names of subjects created or renamed since the last run; prints {\"indexed\":N}");
        PlatformCommands.Common(index);
        index.SetAction(pr =>
        {
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr));
            ctx.Out.WriteLine(Json.Line(new { indexed = ActivatorUtilities.CreateInstance<SubjectSearch>(sp).CatchUp() }));
            return 0;
        });
        root.Subcommands.Add(index);
    }
}
