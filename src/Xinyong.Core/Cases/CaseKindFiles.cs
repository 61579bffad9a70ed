using Xinyong.Rules;

namespace Xinyong.Cases;

/// <summary>A case kind file that cannot be loaded; the message names the file, the entry and the field.</summary>
public sealed class CaseKindException(string message) : Exception(message);

/// <summary>The case kinds declared as data, by kind code.</summary>
public sealed class CaseKindSet(IReadOnlyDictionary<string, CaseKindDefinition> kinds)
{
    /// <summary>Every kind by code.</summary>
    public IReadOnlyDictionary<string, CaseKindDefinition> All { get; } = kinds;

    /// <summary>A kind by code, or null.</summary>
    public CaseKindDefinition? Find(string kind) => All.GetValueOrDefault(kind);

    /// <summary>A kind by code.</summary>
    /// <exception cref="KeyNotFoundException">No such kind is declared.</exception>
    public CaseKindDefinition this[string kind] => Find(kind) ?? throw new KeyNotFoundException($"no case kind '{kind}' in data/cases");

    /// <summary>Loads <c>cases/*.yaml</c> of a rules folder (none is an empty set).</summary>
    public static CaseKindSet Load(string rulesDirectory) => new(CaseKindFiles.LoadAll(Path.Combine(rulesDirectory, "cases")));
}

/// <summary>
/// Reads and validates case kind files: every state named, exactly one initial state, every action from and to
/// declared states, final states left only by declared actions, step codes present (their rules are checked against
/// the deadline rules when the engine starts), positive extension limits.
/// </summary>
public static class CaseKindFiles
{
    /// <summary>Loads every file of a folder (a missing folder is no kinds).</summary>
    public static IReadOnlyDictionary<string, CaseKindDefinition> LoadAll(string directory)
    {
        var kinds = new Dictionary<string, CaseKindDefinition>(StringComparer.Ordinal);
        foreach (var (k, file) in RuleFiles.LoadFolder(RuleFileKinds.Cases, directory, (yaml, file) => (Parse(yaml, file), file), Fail))
            if (!kinds.TryAdd(k.Kind, k)) throw new CaseKindException($"{file}: kind '{k.Kind}' is declared twice");
        return kinds;
    }

    /// <summary>Parses and validates one kind.</summary>
    public static CaseKindDefinition Parse(string yaml, string fileName)
    {
        var doc = RuleFiles.Read<Doc>(yaml, fileName, Fail);
        string Need(string? v, string where) => string.IsNullOrWhiteSpace(v) ? throw new CaseKindException($"{fileName}: {where} is missing") : v.Trim();

        var kind = Need(doc.Kind, "kind");
        var states = (doc.States ?? []).Select((s, i) => new CaseState(Need(s.Code, $"states[{i}].code"), Need(s.Name, $"states[{i}].name"), s.Initial, s.Final)).ToList();
        if (states.Count == 0) throw new CaseKindException($"{fileName}: no states");
        if (states.Count(s => s.Initial) != 1) throw new CaseKindException($"{fileName}: exactly one state must be initial");
        var dup = states.GroupBy(s => s.Code).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new CaseKindException($"{fileName}: state '{dup.Key}' is declared twice");
        var codes = states.Select(s => s.Code).ToHashSet();

        StepOpening Opening(StepDoc o, string where) => new(Need(o.Step, $"{where}.step"), string.IsNullOrWhiteSpace(o.Party) ? null : o.Party.Trim());

        var actions = new List<CaseAction>();
        foreach (var (a, i) in (doc.Actions ?? []).Select((a, i) => (a, i)))
        {
            var where = $"actions[{i}]";
            var code = Need(a.Code, $"{where}.code");
            if (actions.Any(x => x.Code == code)) throw new CaseKindException($"{fileName}: action '{code}' is declared twice");
            var from = a.From ?? [];
            if (from.Count == 0) throw new CaseKindException($"{fileName}: action '{code}': from is missing");
            foreach (var s in from.Where(s => !codes.Contains(s))) throw new CaseKindException($"{fileName}: action '{code}': unknown state '{s}' in from");
            if (a.To is not null && !codes.Contains(a.To)) throw new CaseKindException($"{fileName}: action '{code}': unknown state '{a.To}' in to");
            actions.Add(new CaseAction(code, Need(a.Name, $"{where}.name"), from, a.To, a.Completes ?? [], a.Cancels ?? [],
                (a.Opens ?? []).Select((o, j) => Opening(o, $"{where}.opens[{j}]")).ToList(), a.Basis));
        }
        var pauses = (doc.Pauses ?? []).Select((p, i) => new PauseReason(Need(p.Code, $"pauses[{i}].code"), Need(p.Name, $"pauses[{i}].name"), p.Basis)).ToList();
        var extensions = (doc.Extensions ?? []).Select((e, i) => e.MaxWorkingDays > 0
            ? new ExtensionRule(Need(e.Step, $"extensions[{i}].step"), e.MaxWorkingDays, Need(e.Approver, $"extensions[{i}].approver"), e.Basis)
            : throw new CaseKindException($"{fileName}: extensions[{i}].maxWorkingDays must be positive")).ToList();
        var prefix = Need(doc.NumberPrefix, "numberPrefix");
        if (!prefix.All(char.IsAsciiLetterUpper)) throw new CaseKindException($"{fileName}: numberPrefix must be upper-case letters");
        return new CaseKindDefinition(kind, Need(doc.Name, "name"), prefix, Need(doc.Basis, "basis"), states,
            (doc.OnOpen ?? []).Select((o, j) => Opening(o, $"onOpen[{j}]")).ToList(), actions, pauses, extensions);
    }

    private static CaseKindException Fail(string message) => new(message);

#pragma warning disable CS0649 // set by the YAML deserializer
    private sealed class Doc
    {
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public string? NumberPrefix { get; set; }
        public string? Basis { get; set; }
        public List<StateDoc>? States { get; set; }
        public List<StepDoc>? OnOpen { get; set; }
        public List<ActionDoc>? Actions { get; set; }
        public List<PauseDoc>? Pauses { get; set; }
        public List<ExtensionDoc>? Extensions { get; set; }
    }

    private sealed class StateDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public bool Initial { get; set; }
        public bool Final { get; set; }
    }

    private sealed class StepDoc
    {
        public string? Step { get; set; }
        public string? Party { get; set; }
    }

    private sealed class ActionDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public List<string>? From { get; set; }
        public string? To { get; set; }
        public List<string>? Completes { get; set; }
        public List<string>? Cancels { get; set; }
        public List<StepDoc>? Opens { get; set; }
        public string? Basis { get; set; }
    }

    private sealed class PauseDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Basis { get; set; }
    }

    private sealed class ExtensionDoc
    {
        public string? Step { get; set; }
        public int MaxWorkingDays { get; set; }
        public string? Approver { get; set; }
        public string? Basis { get; set; }
    }
#pragma warning restore CS0649
}
