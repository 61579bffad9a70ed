using System.Globalization;
using System.Text;
using Xinyong.Identifiers;

namespace Xinyong.Synthetic;

/// <summary>A synthetic subject: an organisation with its USCC, or a natural person with a resident number.</summary>
public sealed record SyntheticSubject(string Name, string Category, string? Uscc, string? ResidentId, string LegalRep, string Division);

/// <summary>A synthetic authority (处罚机关, 许可机关, 执行法院).</summary>
public sealed record SyntheticAuthority(string Name, string Short, string Uscc, string Division);

/// <summary>
/// Realistic synthetic subjects and authorities of Heilongjiang for tests and benchmarks: valid USCCs and resident
/// numbers in the province's real division codes, plausible Chinese names. Deterministic for a seed. All fictional.
/// </summary>
public sealed class SyntheticData
{
    private static readonly string[] Cities = ["哈尔滨", "齐齐哈尔", "牡丹江", "佳木斯", "大庆", "鸡西", "双鸭山", "伊春", "七台河", "鹤岗", "黑河", "绥化", "加格达奇"];
    private static readonly string[] CityShort = ["哈", "齐", "牡", "佳", "庆", "鸡", "双", "伊", "七", "鹤", "黑", "绥", "加"];
    private static readonly string[] Words = ["鑫", "泰", "华", "盛", "源", "龙", "江", "北", "远", "恒", "达", "丰", "兴", "瑞", "嘉", "宏", "誉", "成", "安", "和", "金", "诚", "信", "德", "昌", "隆", "宇", "博", "通", "润", "福", "康", "汇", "森", "林", "雪", "松", "原", "垦", "禾"];
    private static readonly string[] Industries = ["商贸", "建筑工程", "食品", "物流", "农业科技", "机械制造", "餐饮管理", "房地产开发", "医药", "化工", "电子科技", "粮油", "乳业", "木业", "旅游开发", "矿业", "汽车销售", "装饰工程", "环保科技", "网络科技"];
    private static readonly string[] Suffixes = ["有限公司", "有限责任公司", "股份有限公司"];
    private static readonly string[] Shops = ["便利店", "超市", "餐馆", "五金店", "汽车修理部", "服装店", "药店", "烧烤店"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "郑", "于", "曲", "丁", "宋", "韩"];
    private static readonly string[] Given = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建国", "淑华", "玉兰", "海燕", "志强"];
    private static readonly string[] Agencies = ["市场监督管理局", "生态环境局", "应急管理局", "交通运输局", "城市管理综合执法局", "卫生健康委员会", "住房和城乡建设局", "自然资源局"];
    private static readonly string[] AgencyShort = ["市监", "环", "应急", "交", "城管", "卫健", "建", "自然资源"];

    private readonly Random _rng;
    private readonly IReadOnlyList<Division> _counties;
    private readonly IReadOnlyList<Division> _prefectures;

    /// <summary>Creates a generator; the same seed gives the same data.</summary>
    public SyntheticData(int seed)
    {
        _rng = new Random(seed);
        _counties = Divisions.Heilongjiang("county");
        _prefectures = Divisions.Heilongjiang("prefecture");
    }

    /// <summary>The random source (shared so one seed decides everything).</summary>
    public Random Random => _rng;

    /// <summary>Picks one element.</summary>
    public T Pick<T>(IReadOnlyList<T> xs) => xs[_rng.Next(xs.Count)];

    /// <summary>A subject: 80% companies, 10% individual businesses, 10% natural persons.</summary>
    public SyntheticSubject Subject()
    {
        var county = Pick(_counties);
        var city = CityOf(county.Code);
        var roll = _rng.Next(10);
        if (roll == 0)
        {
            var name = Pick(Surnames) + Pick(Given);
            return new SyntheticSubject(name, "自然人", null, ResidentNumber(county.Code), "", county.Code);
        }
        if (roll == 1)
        {
            var owner = Pick(Surnames) + Pick(Given);
            var name = $"{Cities[city]}市{county.Name}{owner}{Pick(Shops)}";
            return new SyntheticSubject(name, "个体工商户", UsccOf("92", county.Code), null, owner, county.Code);
        }
        var company = $"{(_rng.Next(3) == 0 ? "黑龙江" : Cities[city])}{Pick(Words)}{Pick(Words)}{Pick(Industries)}{Pick(Suffixes)}";
        return new SyntheticSubject(company, "法人及非法人组织", UsccOf("91", county.Code), null, Pick(Surnames) + Pick(Given), county.Code);
    }

    /// <summary>An authority of a city.</summary>
    public SyntheticAuthority Authority()
    {
        var i = _rng.Next(Agencies.Length);
        var p = Pick(_prefectures);
        var city = CityOf(p.Code);
        return new SyntheticAuthority($"{Cities[city]}市{Agencies[i]}", CityShort[city] + AgencyShort[i], UsccOf("11", p.Code), p.Code);
    }

    /// <summary>The basic-level people's court of a county: 哈尔滨市南岗区人民法院.</summary>
    public string CourtOf(string division) => $"{Cities[CityOf(division)]}市{Divisions.NameOf(division) ?? "示例区"}人民法院";

    /// <summary>A valid USCC with the given two leading characters and division.</summary>
    public string UsccOf(string authorityAndType, string division)
    {
        Span<char> s = stackalloc char[18];
        authorityAndType.AsSpan().CopyTo(s);
        division.AsSpan().CopyTo(s[2..]);
        for (var i = 8; i < 17; i++) s[i] = Uscc.Alphabet[_rng.Next(i == 8 ? 10 : Uscc.Alphabet.Length)];
        s[17] = Uscc.CheckCharacter(s[..17]);
        return new string(s);
    }

    /// <summary>A valid resident number of a person born 1950-2004 in a division.</summary>
    public string ResidentNumber(string division)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(_rng.Next(0, 20000));
        var first = string.Concat(division, birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture), _rng.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture));
        return first + ResidentId.CheckCharacter(first);
    }

    private int CityOf(string division)
    {
        var prefix = division[..4];
        for (var i = 0; i < _prefectures.Count && i < Cities.Length; i++)
            if (_prefectures[i].Code.StartsWith(prefix, StringComparison.Ordinal)) return i;
        return 0;
    }

    /// <summary>A date within the <paramref name="days"/> days before <paramref name="today"/>.</summary>
    public DateOnly DateBefore(DateOnly today, int days) => today.AddDays(-_rng.Next(1, days));

    /// <summary>Formats a date as ISO.</summary>
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
