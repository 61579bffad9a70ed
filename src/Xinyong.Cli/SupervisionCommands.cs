using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Application.Supervision;
using Xinyong.Storage.Accounts;
using Xinyong.Supervision;

namespace Xinyong.Cli;

/// <summary>
/// Business-environment supervision on the command line: <c>xinyong supervision source add --code C --name N --type
/// station|supervisor --region 230100</c> registers a monitoring station (SM Art. 12) or a special supervisor (SM Art. 13)
/// of that authority with its own sign-in and prints <c>{"code","token"}</c>; <c>xinyong supervision authorities</c> lists
/// the authorities (division code, level, name). Authority staff are <c>xinyong staff add --role authority --region R --level L</c>.
/// </summary>
internal static class SupervisionCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var group = new Command("supervision", "business-environment supervision cases (营商环境监督): registered sources, authorities");
        var source = new Command("source", "monitoring stations and special supervisors (SM Art. 12, 13)");
        var code = new Option<string>("--code") { Required = true, Description = "the source's account code" };
        var name = new Option<string>("--name") { Required = true, Description = "its name" };
        var type = new Option<string>("--type") { Required = true, Description = "station (营商环境监测站（点）) or supervisor (特邀监督员)" };
        type.AcceptOnlyFromAmong([.. SupervisionSources.Roles.Keys]);
        var region = new Option<string>("--region") { Required = true, Description = "the division code of the authority that registers it" };
        var add = new Command("add", "Register a source (or update it) and issue a new token; prints {\"code\",\"token\"}") { code, name, type, region };
        PlatformCommands.Common(add);
        add.SetAction(pr =>
        {
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr));
            var rules = SupervisionRules.Load(sp.GetRequiredService<RulesFolder>().Path);
            var authority = rules.Authority(pr.GetValue(region));
            if (authority is null)
            {
                ctx.Err.WriteLine($"xinyong: no business-environment authority for division '{pr.GetValue(region)}' (see: xinyong supervision authorities)");
                return 1;
            }
            var token = sp.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount(
                pr.GetValue(code)!, SupervisionSources.AccountKind, pr.GetValue(name)!, authority.Level, authority.Region, Role: pr.GetValue(type)));
            ctx.Out.WriteLine(Json.Line(new { code = pr.GetValue(code), token }));
            return 0;
        });
        source.Subcommands.Add(add);
        group.Subcommands.Add(source);

        var list = new Command("authorities", "List the business-environment authorities: division code, level, name, parent");
        PlatformCommands.Common(list);
        list.SetAction(pr =>
        {
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr));
            foreach (var a in SupervisionRules.Load(sp.GetRequiredService<RulesFolder>().Path).Authorities)
                ctx.Out.WriteLine(Json.Line(new { region = a.Region, level = a.Level, name = a.Name, parent = a.Parent }));
            return 0;
        });
        group.Subcommands.Add(list);
        root.Subcommands.Add(group);
    }
}
