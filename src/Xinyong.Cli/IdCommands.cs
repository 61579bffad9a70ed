using System.CommandLine;
using Xinyong.Calendar;
using Xinyong.Identifiers;

namespace Xinyong.Cli;

/// <summary><c>xinyong id check [--kind uscc|resident-id] VALUE...</c></summary>
internal static class IdCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var id = new Command("id", "Identifiers: unified social credit codes and resident identity numbers");
        var check = new Command("check", "Check identifiers; prints one JSON object per value");
        var kind = new Option<string?>("--kind") { Description = "uscc or resident-id; detected when omitted" };
        kind.AcceptOnlyFromAmong("uscc", "resident-id");
        var values = new Argument<string[]>("VALUE") { Arity = ArgumentArity.OneOrMore, Description = "identifiers to check" };
        check.Options.Add(kind);
        check.Arguments.Add(values);
        check.SetAction(pr =>
        {
            IdKind? k = pr.GetValue(kind) switch { "uscc" => IdKind.Uscc, "resident-id" => IdKind.ResidentId, _ => null };
            var today = ctx.Clock.Today();
            var allValid = true;
            foreach (var v in pr.GetValue(values)!)
            {
                var r = IdCheck.Check(v, k, today);
                allValid &= r.Valid;
                ctx.Out.WriteLine(Json.Line(new
                {
                    input = r.Input,
                    valid = r.Valid,
                    kind = r.Kind switch { IdKind.Uscc => "uscc", IdKind.ResidentId => "resident-id", _ => null },
                    normalized = r.Normalized,
                    error = r.Error?.Code(),
                }));
            }
            return allValid ? 0 : 1;
        });
        id.Subcommands.Add(check);
        root.Subcommands.Add(id);
    }
}
