using Xinyong.Inspections;
using Xinyong.Storage.Inspections;

namespace Xinyong.Application.Inspections;

/// <summary>
/// The steps of a 双随机 inspection (Art. 48; 《优化营商环境条例》第五十四条) as the API and the portal take them: publishing a
/// plan, drawing it, entering a result and verifying a published draw. The boundary where what the draw rules, the draw
/// store and <see cref="InspectionResults"/> refuse (<see cref="InspectionException"/>, an unknown plan or target, another
/// department) becomes the platform's one <see cref="Refusal"/>: <c>inspection.invalid</c> (Invalid),
/// <c>inspection.not-found</c> (NotFound), <c>inspection.forbidden</c> (Forbidden), each with its Chinese message.
/// </summary>
public sealed class InspectionDesk(InspectionRules rules, InspectionDraws draws, InspectionResults results, TimeProvider clock)
{
    /// <summary>Publishes a plan with its rosters (the commitment) for <paramref name="department"/>.</summary>
    public StoredDraw Publish(string department, string code, string name, string scope, IReadOnlyList<string> departments, DateTimeOffset seedAt,
        string seedSource, IReadOnlyList<DrawTarget> targets, IReadOnlyList<DrawInspector> inspectors) => Refusing(code, () =>
    {
        var plan = Draws.Plan(rules, code, name, scope, departments, clock.GetUtcNow(), seedAt, seedSource);
        return draws.Commit(department, Draws.Commit(plan, targets, inspectors));
    }, "只有公布抽查计划的部门可以抽取");

    /// <summary>Draws a published plan from a public value (the publishing department, once).</summary>
    public StoredDraw Draw(string code, string department, string publicValue, string source) =>
        Refusing(code, () => draws.Reveal(code, department, publicValue, source), "只有公布抽查计划的部门可以抽取");

    /// <summary>Enters and publishes an inspection's result (a department of the inspection, once).</summary>
    public InspectionResult Enter(string department, string code, string target, DateOnly inspectedOn, string outcome, string summary,
        IReadOnlyList<ItemResult> items, string? penaltyDecision) =>
        Refusing(code, () => results.Enter(department, code, target, inspectedOn, outcome, summary, items, penaltyDecision), "只有参加该次检查的部门可以录入检查结果");

    /// <summary>Reads a published draw document and recomputes it; refuses text that is not one.</summary>
    public (DrawDocument Document, DrawVerification Verification) Verify(string json) => Refusing("", () =>
    {
        var d = Draws.Parse(json);
        return (d, Draws.Verify(d));
    }, "");

    private static T Refusing<T>(string code, Func<T> step, string forbidden)
    {
        try { return step(); }
        catch (InspectionException ex) { throw Refusal.Invalid("inspection.invalid", ex.Message); }
        catch (KeyNotFoundException ex) { throw Refusal.NotFound("inspection.not-found", Chinese(ex.Message) ?? $"没有编号为{code}的抽查计划"); }
        catch (UnauthorizedAccessException ex) { throw Refusal.Forbidden("inspection.forbidden", Chinese(ex.Message) ?? forbidden); }
    }

    /// <summary>The message when it is a Chinese sentence (the stores' bare codes and the runtime's default texts are not).</summary>
    private static string? Chinese(string message) => message.Any(c => c is >= '\u4e00' and <= '\u9fff') ? message : null;
}
