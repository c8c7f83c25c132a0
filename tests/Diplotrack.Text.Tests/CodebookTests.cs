using Diplotrack.Text.Codebook;
using Diplotrack.Text.Tests.Support;

namespace Diplotrack.Text.Tests;

public sealed class CodebookTests
{
    private static readonly Codebook.Codebook Seed = CodebookLoader.Load(RepoPaths.CodebookDirectory);

    [Fact]
    public void Seed_codebook_lists_every_UN_member_observer_territory_organisation_and_region()
    {
        Assert.Equal(193 + 2, Seed.Actors.Count(a => a.Kind == "country"));
        Assert.Equal(["HK", "MO", "TW"], Seed.Actors.Where(a => a.Kind == "territory").Select(a => a.Id).Order());
        foreach (var id in new[] { "VA", "PS", "UN", "UNSC", "WHO", "WTO", "IAEA", "IMF", "BRICS", "SCO", "ASEAN", "EU", "NATO", "G7", "G20", "APEC",
                     "AFRICAN_UNION", "ARAB_LEAGUE", "CELAC", "FIVE_EYES", "GLOBAL_SOUTH", "AFRICA", "LATIN_AMERICA", "CENTRAL_ASIA",
                     "MIDDLE_EAST", "ARAB_WORLD", "INDOCHINA", "EUROPE", "ASIA_PACIFIC", "UNNAMED" })
            Assert.Contains(Seed.Actors, a => a.Id == id);
        Assert.DoesNotContain(Seed.Actors, a => a.Id == "AU" && a.Kind != "country"); // AU is Australia, not the African Union
        Assert.True(Seed.Version >= 1);
    }

    [Fact]
    public void Outlets_give_an_asker_a_country()
    {
        Assert.Equal("US", Seed.OutletCountry("彭博社"));
        Assert.Equal("RU", Seed.OutletCountry("今日俄罗斯国际通讯社"));
        Assert.Equal("CN", Seed.OutletCountry("中央广播电视总台央视"));
        Assert.Equal("GB", Seed.OutletCountry("路透社"));
        Assert.Null(Seed.OutletCountry("某不知名通讯社"));
        Assert.Null(Seed.OutletCountry(null));
    }

    [Fact]
    public void Json_round_trip_keeps_the_content_and_its_hash()
    {
        var json = Seed.ToJson();
        var back = Codebook.Codebook.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(Seed.ContentSha256(), back.ContentSha256());
        Assert.Matches("^[0-9a-f]{64}$", Seed.ContentSha256());
        Assert.Contains("美方", json, StringComparison.Ordinal); // stored readable, not \u-escaped
        Assert.NotEqual(Seed.ContentSha256(), (Seed with { Version = Seed.Version + 1 }).ContentSha256());
    }

    [Fact]
    public void A_broken_file_is_rejected_naming_file_line_and_column()
    {
        var dir = CopySeed();
        try
        {
            File.AppendAllText(Path.Combine(dir, "aliases.csv"), "XX,某国家,name\n");
            var e = Assert.Throws<CodebookException>(() => CodebookLoader.Load(dir));
            Assert.Contains("aliases.csv:", e.Message, StringComparison.Ordinal);
            Assert.Contains("unknown id 'XX'", e.Message, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(dir, "version.txt"), "one\n");
            Assert.Contains("version.txt", Assert.Throws<CodebookException>(() => CodebookLoader.Load(dir)).Message, StringComparison.Ordinal);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_stance_weight_outside_the_scale_is_rejected()
    {
        var dir = CopySeed();
        try
        {
            File.AppendAllText(Path.Combine(dir, "stance_cues.csv"), "极坏,-3,hostile\n");
            var e = Assert.Throws<CodebookException>(() => CodebookLoader.Load(dir));
            Assert.Contains("stance_cues.csv:", e.Message, StringComparison.Ordinal);
            Assert.Contains("weight", e.Message, StringComparison.Ordinal);
        }
        finally { Directory.Delete(dir, true); }
    }

    private static string CopySeed()
    {
        var dir = Path.Combine(Path.GetTempPath(), "codebook-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(RepoPaths.CodebookDirectory)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }
}
