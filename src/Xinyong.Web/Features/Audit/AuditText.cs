namespace Xinyong.Web.Features.Audit;

/// <summary>
/// The audit chain and the access log in Chinese for the staff audit page: an action such as <c>list.dishonesty.add</c>
/// becomes 信用名单·新增, a target or read such as <c>objection:1</c> or <c>check:12</c> becomes 异议 1 or 核查 12, a
/// platform actor 平台. The verbatim entry (what the chain's HMAC covers) stays beside it for auditors.
/// </summary>
public static class AuditText
{
    private static readonly Dictionary<string, string> Nouns = new(StringComparer.Ordinal)
    {
        ["account"] = "账户", ["authorization"] = "查询授权", ["content"] = "网站内容", ["copy-holder"] = "信息副本持有单位", ["inspection"] = "双随机抽查",
        ["list"] = "信用名单", ["dishonesty"] = "严重失信主体名单", ["incentive"] = "守信激励名单", ["measure"] = "惩戒措施", ["objection"] = "异议",
        ["portal"] = "门户网站", ["record"] = "信用信息记录", ["report"] = "信用报告", ["repair"] = "信用修复", ["signin"] = "登录", ["subject-account"] = "自查账户",
        ["subject"] = "信用主体", ["audit"] = "审计链", ["key"] = "密钥", ["case"] = "案件", ["commitment"] = "信用承诺", ["supervision"] = "营商环境监督案件",
        ["complaint"] = "投诉", ["check"] = "联合奖惩核查", ["evaluation"] = "信用评价", ["grade"] = "信用评价等级", ["network"] = "平台间交换",
        ["disclosure"] = "公示", ["notification"] = "告知", ["one-time-code"] = "一次性验证码", ["batch"] = "报送批次", ["list-entry"] = "名单条目",
        ["import"] = "数据导入", ["provider"] = "信息提供单位", ["department"] = "有关部门", ["staff"] = "工作人员", ["institution"] = "金融和信用服务机构",
        ["assistance"] = "协助核查", ["pause"] = "中止计时", ["extension"] = "延长期限", ["node"] = "平台节点", ["draw"] = "抽取",
    };

    private static readonly Dictionary<string, string> Verbs = new(StringComparer.Ordinal)
    {
        ["add"] = "新增", ["update"] = "更新", ["create"] = "创建", ["save"] = "保存", ["grant"] = "授权", ["revoke"] = "撤销", ["revoke-tokens"] = "吊销访问令牌",
        ["filed"] = "提交申请", ["file"] = "提交申请", ["paused"] = "中止计时", ["resumed"] = "恢复计时", ["marked"] = "标注", ["routed"] = "转交办理单位",
        ["assistance-requested"] = "请求协助核查", ["assistance-answered"] = "答复协助核查", ["decided"] = "作出决定", ["decide"] = "作出决定", ["accepted"] = "受理",
        ["rejected"] = "不予受理", ["closed"] = "办结", ["archive"] = "公示期届满归档", ["correct"] = "更正", ["issue"] = "出具", ["lock"] = "锁定", ["unlock"] = "解除锁定",
        ["signin"] = "登录", ["password"] = "设置密码", ["one-time-code"] = "签发一次性验证码", ["void"] = "作废", ["registration-code"] = "发送注册验证码",
        ["signin-enrolment"] = "签发开通码", ["signin-enrolled"] = "设置密码和身份验证器", ["signin-reset"] = "重置密码和身份验证器", ["end"] = "移出",
        ["period"] = "调整期限", ["sent"] = "发出", ["publish"] = "公示", ["withhold"] = "不予公示", ["register"] = "登记", ["exempt"] = "免于惩戒",
        ["commit"] = "提交承诺", ["draw"] = "抽取", ["result"] = "录入结果", ["rotate"] = "轮换", ["checkpoint"] = "签名检查点", ["opened"] = "立案",
        ["open"] = "立案", ["extended"] = "延长期限", ["notified"] = "告知", ["lifted"] = "移出", ["upheld"] = "成立", ["withdrawn"] = "撤回",
    };

    private static readonly Dictionary<string, string> Actors = new(StringComparer.Ordinal)
    {
        ["platform"] = "平台", ["operator"] = "运维人员（命令行）", ["cli"] = "运维人员（命令行）", ["platform:sample"] = "平台（示例数据）",
        ["self-registration"] = "信用主体本人（自助注册）", ["system:disclosure-period"] = "平台（公示期届满）",
    };

    /// <summary>An action in Chinese: its known parts joined by ·, or 其他操作.</summary>
    public static string Action(string action)
    {
        var parts = action.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var words = parts.Select((p, i) => i == 0 || !Verbs.ContainsKey(p) ? Nouns.GetValueOrDefault(p) ?? Verbs.GetValueOrDefault(p) : Verbs[p]).Where(w => w is not null).Distinct().ToList();
        return words.Count == 0 ? "其他操作" : string.Join("·", words);
    }

    /// <summary>A target or a read (<c>kind:id</c>) in Chinese: the kind's name and the id when the id is a code or a number.</summary>
    public static string Target(string? target)
    {
        if (string.IsNullOrWhiteSpace(target)) return "";
        var at = target.IndexOf(':');
        if (at < 0) return Nouns.GetValueOrDefault(target) ?? "其他对象";
        var kind = Nouns.GetValueOrDefault(target[..at]) ?? "对象";
        var id = target[(at + 1)..];
        return id.Any(char.IsAsciiLetterLower) && !id.All(c => char.IsAsciiHexDigit(c) || c == '-') ? kind : $"{kind} {id}";
    }

    /// <summary>What a read showed (<c>repair:1 record:15</c>) in Chinese: each part as <see cref="Target"/>, Chinese text as
    /// it is, joined by 、.</summary>
    public static string What(string? what) =>
        string.Join("、", (what ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Contains(':') ? Target(w) : !w.Any(char.IsAsciiLetter) ? w : Nouns.GetValueOrDefault(w) ?? Verbs.GetValueOrDefault(w)).Where(w => w is not null).Distinct());

    /// <summary>An actor in Chinese: an account code as it is, a subject as 信用主体 and its reference, the platform's own names translated.</summary>
    public static string Actor(string actor) =>
        Actors.TryGetValue(actor, out var name) ? name
        : actor.StartsWith("subject:", StringComparison.Ordinal) ? "信用主体 " + actor["subject:".Length..]
        : actor.Any(char.IsAsciiLetterLower) ? Target(actor)
        : actor;

    /// <summary>An access-log channel in Chinese.</summary>
    public static string Channel(string? channel) => channel switch
    {
        "api" => "开放接口", "portal" or "web" => "门户网站", "report" => "信用报告", "cli" => "命令行", null or "" => "",
        _ => "其他渠道",
    };
}
