using System.Text.RegularExpressions;

namespace Xinyong.Catalog;

/// <summary>
/// What the catalog may never contain (Art. 20): religion, blood type, disease and medical history, fingerprints, genes
/// and other biometrics of anyone; and for natural persons income, deposits, securities, commercial insurance, real
/// estate and tax amounts. Checked on item names, behaviours and every field's code, label and aliases.
/// </summary>
public static partial class ForbiddenCategories
{
    private static readonly (string Category, string[] Chinese, string[][] EnglishWords)[] Everyone =
    [
        ("宗教信仰", ["宗教", "信仰"], [["religion"], ["religious"], ["faith"]]),
        ("血型", ["血型"], [["blood"]]),
        ("疾病", ["疾病", "患病", "病情"], [["disease"], ["illness"], ["diagnosis"]]),
        ("病史", ["病史", "病历", "既往史"], [["medical"]]),
        ("指纹", ["指纹"], [["fingerprint"], ["fingerprints"]]),
        ("基因", ["基因", "DNA"], [["gene"], ["genes"], ["genetic"], ["dna"], ["genome"]]),
        ("生物识别信息", ["生物识别", "人脸", "面部特征", "虹膜", "声纹", "掌纹", "静脉"], [["biometric"], ["biometrics"], ["face"], ["iris"], ["voiceprint"], ["palmprint"]]),
    ];

    private static readonly (string Category, string[] Chinese, string[][] EnglishWords)[] NaturalPersons =
    [
        ("收入", ["收入", "工资", "薪酬"], [["income"], ["salary"], ["wage"], ["wages"]]),
        ("存款", ["存款", "储蓄"], [["deposit"], ["deposits"], ["savings"]]),
        ("有价证券", ["有价证券", "股票", "证券账户"], [["securities"], ["stocks"], ["shares"]]),
        ("商业保险", ["商业保险", "人寿保险"], [["commercial", "insurance"], ["life", "insurance"]]),
        ("不动产", ["不动产", "房产", "房屋产权"], [["real", "estate"], ["realty"], ["house", "property"]]),
        ("纳税数额", ["纳税数额", "纳税额", "纳税金额", "缴税金额", "应纳税额"], [["tax", "amount"], ["tax", "paid"], ["taxes", "paid"]]),
    ];

    /// <summary>Throws <see cref="CatalogException"/> naming the item and the field when a forbidden category appears.</summary>
    public static void Check(string item, string name, string behaviour, IReadOnlyList<FieldDef> fields, IReadOnlyList<string> subjectKinds, string file)
    {
        var coversPersons = subjectKinds.Count == 0 || subjectKinds.Contains("natural-person");
        var rules = coversPersons ? Everyone.Concat(NaturalPersons).ToArray() : Everyone;
        foreach (var (category, chinese, english) in rules)
        {
            if (Hits(name, chinese) || Hits(behaviour, chinese))
                throw new CatalogException($"{file}: item '{item}' names {category}, which 《黑龙江省社会信用条例》第二十条 forbids collecting");
            foreach (var f in fields)
            {
                var words = Words(f.Code);
                if (Hits(f.Label, chinese) || f.Aliases.Any(a => Hits(a, chinese)) || english.Any(seq => ContainsSequence(words, seq)))
                    throw new CatalogException(
                        $"{file}: item '{item}', field '{f.Code}' ({f.Label}) is {category}: 《黑龙江省社会信用条例》第二十条 forbids collecting it" +
                        (NaturalPersons.Any(r => r.Category == category) ? " for natural persons" : string.Empty));
            }
        }
    }

    private static bool Hits(string text, string[] keywords) => keywords.Any(k => text.Contains(k, StringComparison.OrdinalIgnoreCase));

    private static bool ContainsSequence(string[] words, string[] seq)
    {
        for (var i = 0; i + seq.Length <= words.Length; i++)
            if (seq.Select((w, j) => words[i + j] == w).All(x => x)) return true;
        return false;
    }

    /// <summary>Splits a camelCase or kebab-case code into lower-case words.</summary>
    private static string[] Words(string code) =>
        WordPattern().Matches(code).Select(m => m.Value.ToLowerInvariant()).ToArray();

    [GeneratedRegex("[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")] private static partial Regex WordPattern();
}
