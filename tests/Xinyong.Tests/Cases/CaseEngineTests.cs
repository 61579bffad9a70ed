using Microsoft.Extensions.DependencyInjection;
using Xinyong.Application.Cases;
using Xinyong.Cases;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Notifications;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Cases;

/// <summary>
/// The case engine with a small test kind declared the way every kind is: a data file (here inline) plus one domain
/// class. It shows what a new workflow gets without a stack of its own: states and actions, working-day steps, a
/// party's step on its own worklist, pauses, extensions within a limit, history, and one transaction per action.
/// </summary>
public sealed class CaseEngineTests
{
    /// <summary>The test kind's data, in the format of <c>data/cases/*.yaml</c>.</summary>
    public const string TestKindYaml = """
        kind: test-review
        name: 测试审查案件
        numberPrefix: TR
        basis: 测试用案件种类
        states:
          - { code: received, name: 已接收, initial: true }
          - { code: accepted, name: 已受理 }
          - { code: closed, name: 已办结, final: true }
        onOpen:
          - step: objection-decision
        actions:
          - code: accept
            name: 受理
            from: [received]
            to: accepted
            completes: [objection-decision]
            opens:
              - { step: assistance-answer, party: respondent }
              - { step: objection-decision-assisted }
          - code: note
            name: 记录调查情况
            from: [received, accepted]
          - code: close
            name: 办结
            from: [accepted]
            to: closed
            completes: [objection-decision-assisted]
        pauses:
          - { code: testing, name: 检测, basis: 测试依据 }
        extensions:
          - { step: objection-decision-assisted, maxWorkingDays: 10, approver: 负责人 }
        """;

    /// <summary>The test kind's domain class: the respondent may take the note step on its own cases, and read them.</summary>
    private sealed class TestReviewRules : CaseKindRules
    {
        public override string Kind => "test-review";

        public override bool MayAct(CaseActor who, CaseFile file, CaseAction? action, IReadOnlyList<CaseParty> parties) =>
            base.MayAct(who, file, action, parties)
            || action?.Code == "note" && who.Account is { } a && parties.Any(p => p.Role == "respondent" && p.Account == a.Code);
    }

    private static CaseEngine Engine(TestPlatform p) => new(
        p.Services.GetRequiredService<Database>(),
        new CaseKindSet(new Dictionary<string, CaseKindDefinition> { ["test-review"] = CaseKindFiles.Parse(TestKindYaml, "test-review.yaml") }),
        p.Services.GetRequiredService<CaseStore>(), p.Services.GetRequiredService<DeadlineStore>(), p.Services.GetRequiredService<CaseLog>(),
        p.Services.GetRequiredService<Outbox>(), p.Clock, [new TestReviewRules()]);

    private static CaseOpening Opening() => new("agency", null, """{"facts":"测试"}""",
        [new NewParty("complainant", "张三", Contact: "13800000000"), new NewParty("respondent", "某局", Account: "RESP-UNIT")]);

    private static (CaseActor Agency, CaseActor Respondent, CaseActor Other) Actors(TestPlatform p)
    {
        var accounts = p.Services.GetRequiredService<AccountStore>();
        accounts.AddOrUpdate(new NewAccount("AG1", AccountKinds.Staff, "办理人", Role: StaffRoles.Agency));
        accounts.AddOrUpdate(new NewAccount("RESP-UNIT", AccountKinds.Department, "某局"));
        accounts.AddOrUpdate(new NewAccount("OTHER-UNIT-STAFF", AccountKinds.Staff, "他单位人员", Role: StaffRoles.Unit, Unit: "OTHER"));
        return (CaseActor.Of(accounts.Get("AG1")!), CaseActor.Of(accounts.Get("RESP-UNIT")!), CaseActor.Of(accounts.Get("OTHER-UNIT-STAFF")!));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_declared_kind_runs_end_to_end_on_working_days(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var engine = Engine(p);
        var (agency, respondent, other) = Actors(p);

        var c = engine.Open("test-review", Opening(), agency);
        Assert.Equal("received", c.State);
        Assert.Equal("TR2026" + c.Id.ToString("D6"), c.Number);
        var decision = Assert.Single(engine.Steps(c));
        Assert.Equal(new DateOnly(2026, 9, 22), decision.DueOn);   // 3 working days; the working Sunday 2026-09-20 counts
        Assert.Equal("agency", decision.Unit);

        // Not allowed in this state, and not by a stranger: refused with the kind and a Chinese message.
        var early = Assert.Throws<Refusal>(() => engine.Act(c.Id, "close", agency));
        Assert.Equal(RefusalKind.Conflict, early.Kind);
        Assert.Contains("不能办理“办结”", early.Message);
        Assert.Equal(RefusalKind.Forbidden, Assert.Throws<Refusal>(() => engine.Act(c.Id, "accept", other)).Kind);

        p.Clock.Advance(TimeSpan.FromDays(3));   // 2026-09-21
        c = engine.Act(c.Id, "accept", agency, "予以受理");
        Assert.Equal("accepted", c.State);
        var steps = engine.Steps(c);
        Assert.Equal(DueStates.Met, steps[0].Status);
        var answer = steps.Single(s => s.Code == "assistance-answer");
        Assert.Equal("RESP-UNIT", answer.Unit);   // the party's own step, on its own worklist
        Assert.Equal(new DateOnly(2026, 9, 23), answer.DueOn);
        var close = steps.Single(s => s.Code == "objection-decision-assisted");
        Assert.Equal(new DateOnly(2026, 10, 8), close.DueOn);   // 7 working days from 09-21 over 中秋 (09-25) and 国庆 (10-01..07)
        Assert.Contains(p.Services.GetRequiredService<DeadlineStore>().Worklist(["RESP-UNIT"]), r => r.Deadline.Id == answer.Id);

        // The respondent may take its declared step, and nothing else.
        engine.Act(c.Id, "note", respondent, "书面说明已提交");
        Assert.Equal(RefusalKind.Forbidden, Assert.Throws<Refusal>(() => engine.Act(c.Id, "close", respondent)).Kind);

        // Extensions within the kind's limit, recorded with their approver; the eleventh day is refused.
        var extended = engine.Extend(c.Id, "objection-decision-assisted", 6, "张局长", "案情复杂", agency);
        Assert.Equal(p.Services.GetRequiredService<DeadlineCalculator>().Compute("objection-decision-assisted", new DateOnly(2026, 9, 21), extension: 6).Due, extended.DueOn);
        engine.Extend(c.Id, "objection-decision-assisted", 4, "张局长", "仍需核实", agency);
        var limit = Assert.Throws<Refusal>(() => engine.Extend(c.Id, "objection-decision-assisted", 1, "张局长", "再延", agency));
        Assert.Equal(RefusalKind.RuleNotMet, limit.Kind);
        Assert.Equal(10, limit.Details["maxWorkingDays"]);
        Assert.Equal(2, engine.Extensions(c).Count);

        // A pause moves the pausable step (with its extensions kept); resuming fixes the days that did not count.
        var before = engine.Steps(c).Single(s => s.Code == "objection-decision-assisted").DueOn;
        engine.Pause(c.Id, "testing", new DateOnly(2026, 9, 21), new DateOnly(2026, 9, 22), "送检", agency);
        var after = engine.Steps(c).Single(s => s.Code == "objection-decision-assisted");
        Assert.True(after.DueOn > before);
        Assert.Equal(17, after.WorkingDays);
        Assert.Equal(RefusalKind.Invalid, Assert.Throws<Refusal>(() => engine.Pause(c.Id, "holiday", new DateOnly(2026, 9, 21), null, null, agency)).Kind);

        // Closing completes the declared step and cancels every other open one.
        c = engine.Act(c.Id, "close", agency, "办结");
        Assert.Equal("closed", c.State);
        Assert.NotNull(c.ClosedAt);
        Assert.DoesNotContain(engine.Steps(c), s => s.Status == DueStates.Open);
        Assert.Equal(DueStates.Cancelled, engine.Steps(c).Single(s => s.Code == "assistance-answer").Status);
        Assert.Equal(["opened", "accept", "note", "extended", "extended", "paused", "close"], engine.History(c).Select(h => h.Kind).ToArray());
        Assert.Equal("延长期限", engine.StepName("test-review", "extended"));
        Assert.Equal("记录调查情况", engine.StepName("test-review", "note"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task An_action_whose_work_fails_leaves_nothing_behind(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var engine = Engine(p);
        var (agency, _, _) = Actors(p);
        var c = engine.Open("test-review", Opening(), agency);
        var history = engine.History(c).Count;

        // The kind's work writes a notice and changes data, then fails: the state, the steps, the history, the notice
        // and the data all stay as they were, because they are one transaction.
        Assert.Throws<InvalidOperationException>(() => engine.Act(c.Id, "accept", agency, "受理", ctx =>
        {
            ctx.Notify(new Mailbox(Recipients.Unit, "RESP-UNIT"), "受理通知", "已受理");
            ctx.Data = """{"facts":"改过"}""";
            throw new InvalidOperationException("injected failure between the steps");
        }));
        var same = engine.Cases.Get(c.Id)!;
        Assert.Equal("received", same.State);
        Assert.Equal(c.Version, same.Version);
        Assert.Contains("测试", same.Data);
        Assert.Single(engine.Steps(same));
        Assert.Equal(history, engine.History(same).Count);
        Assert.Empty(p.Services.GetRequiredService<Outbox>().For([new Mailbox(Recipients.Unit, "RESP-UNIT")]));

        // An action prepared on a version someone else has moved past is refused.
        engine.Act(c.Id, "note", agency, "记录");
        var stale = Assert.Throws<Refusal>(() => engine.Act(c.Id, "accept", agency, expectedVersion: c.Version));
        Assert.Equal(RefusalKind.Conflict, stale.Kind);
        Assert.Equal("accepted", engine.Act(c.Id, "accept", agency, expectedVersion: c.Version + 1).State);
    }

    [Fact]
    public void A_kind_file_is_validated_naming_the_entry()
    {
        var bad = TestKindYaml.Replace("to: closed", "to: finished");
        var e = Assert.Throws<CaseKindException>(() => CaseKindFiles.Parse(bad, "x.yaml"));
        Assert.Contains("unknown state 'finished'", e.Message);
        Assert.Contains("exactly one state must be initial", Assert.Throws<CaseKindException>(() => CaseKindFiles.Parse(TestKindYaml.Replace(", initial: true", ""), "x.yaml")).Message);
    }
}
