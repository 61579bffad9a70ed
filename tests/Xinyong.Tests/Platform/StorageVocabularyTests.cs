using Xinyong.Reorganisations;
using Xinyong.Audit;
using Xinyong.Content;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Reorganisations;

namespace Xinyong.Tests.Platform;

/// <summary>
/// The words Storage used to hold now come from the domain's vocabulary classes (issue 12): each still names what the
/// store's codes mean, so a role, a kind or a save reaches people in the same Chinese words.
/// </summary>
public sealed class StorageVocabularyTests
{
    [Fact]
    public void Every_staff_role_has_its_Chinese_name_and_nothing_else_has_one()
    {
        Assert.Equal([StaffRoles.Agency, StaffRoles.Unit, StaffRoles.Authority, StaffRoles.Auditor, StaffRoles.Window], StaffRoles.All.Keys);
        Assert.Equal("审计人员（只读）", StaffRoles.All[StaffRoles.Auditor]);
        Assert.Equal("公共信用工作机构窗口工作人员", StaffRoles.All[StaffRoles.Window]);
    }

    [Fact]
    public void A_reorganisation_row_names_its_kind_and_the_suspension_in_the_checks_words()
    {
        var row = new Reorganisation
        {
            Kind = ReorganisationKinds.Settlement, Court = "哈尔滨市中级人民法院", RulingNo = "（2026）黑01破1号",
            RulingDate = new DateOnly(2026, 3, 2), PlanFrom = new DateOnly(2026, 3, 2), PlanTo = new DateOnly(2027, 3, 1),
        };
        Assert.Equal("和解协议", row.KindName);
        Assert.Equal("重整计划", (row with { Kind = ReorganisationKinds.Plan }).KindName);
        Assert.Equal("哈尔滨市中级人民法院以（2026）黑01破1号裁定批准和解协议（2026年3月2日），和解协议执行期间（2026年3月2日至2027年3月1日）" +
                     "暂时解除该信用主体在裁定前失信行为的失信约束和惩戒措施（国办发〔2025〕22号）", row.SuspensionReason);
    }

    [Fact]
    public void A_saved_page_version_is_noted_by_what_changed()
    {
        Assert.Equal("发布", ContentNotes.OfSave(wasPublished: false, published: true));
        Assert.Equal("撤回", ContentNotes.OfSave(wasPublished: true, published: false));
        Assert.Equal("修改", ContentNotes.OfSave(wasPublished: true, published: true));
        Assert.Equal("修改", ContentNotes.OfSave(wasPublished: false, published: false));
    }

    [Fact]
    public void Audit_messages_name_moments_in_Beijing_time()
    {
        var at = new DateTimeOffset(2026, 1, 1, 16, 30, 0, TimeSpan.Zero);
        Assert.Equal("2026-01-02 00:30:00", AuditTexts.Time(at));
        Assert.Equal("2026-01-02 00:30:00签名的检查点记载的第7条记录已不存在：该记录被删除", AuditTexts.CheckpointEntryGone(at, 7));
    }
}
