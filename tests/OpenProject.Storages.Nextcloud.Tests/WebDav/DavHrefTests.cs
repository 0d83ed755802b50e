using System.Text;
using OpenProject.Storages.Nextcloud.WebDav;

namespace OpenProject.Storages.Nextcloud.Tests.WebDav;

public sealed class DavHrefTests
{
    public static TheoryData<string> AwkwardNames =>
    [
        "hello world.txt", "a+b.txt", "C# notes#1.md", "100% done.txt", "tilde~name", "Ümlæûts", "Привет.docx", "🍑 is not spelled Pfürsich.txt",
        "Fo\u0308lder NFD", "F\u00f6lder NFC", "semi;colon,comma&amp=eq", "[brackets] {braces} |pipe|", "quote'single\"double", "a%2Fb is not a slash",
    ];

    [Theory]
    [MemberData(nameof(AwkwardNames))]
    public void Each_segment_is_decoded_on_its_own_so_awkward_names_survive(string name)
    {
        var href = "/remote.php/dav/files/alice/Folder%20A/" + Uri.EscapeDataString(name);

        var path = DavHref.ToStoragePath(href, "alice");

        Assert.Equal(["Folder A", name], path.Segments);
    }

    [Fact]
    public void A_plus_stays_a_plus_and_is_not_turned_into_a_space() =>
        Assert.Equal("/a+b c.txt", DavHref.ToStoragePath("/remote.php/dav/files/alice/a+b%20c.txt", "alice").ToString());

    [Fact]
    public void NFC_and_NFD_forms_stay_distinct()
    {
        var nfc = DavHref.ToStoragePath("/remote.php/dav/files/alice/" + Uri.EscapeDataString("Földer".Normalize(NormalizationForm.FormC)), "alice");
        var nfd = DavHref.ToStoragePath("/remote.php/dav/files/alice/" + Uri.EscapeDataString("Földer".Normalize(NormalizationForm.FormD)), "alice");

        Assert.NotEqual(nfc, nfd);
    }

    [Theory]
    [InlineData("/nextcloud/remote.php/dav/files/alice/Docs/a.txt")]
    [InlineData("/html/remote.php/dav/files/alice/Docs/a.txt")]
    [InlineData("https://cloud.example.com/nextcloud/remote.php/dav/files/alice/Docs/a.txt")]
    [InlineData("/remote.php/dav/files/alice/Docs/a.txt")]
    public void Sub_path_installs_and_absolute_hrefs_resolve_to_the_same_path(string href) =>
        Assert.Equal("/Docs/a.txt", DavHref.ToStoragePath(href, "alice").ToString());

    [Fact]
    public void A_user_id_with_escaped_characters_is_matched_decoded() =>
        Assert.Equal("/Folder", DavHref.ToStoragePath("/remote.php/dav/files/m.jade%40death.star/Folder/", "m.jade@death.star").ToString());

    [Fact]
    public void The_user_root_is_the_root() => Assert.True(DavHref.ToStoragePath("/remote.php/dav/files/alice/", "alice").IsRoot);

    [Fact]
    public void An_href_of_another_user_is_refused() =>
        Assert.Throws<InvalidDataException>(() => DavHref.ToStoragePath("/remote.php/dav/files/bob/x.txt", "alice"));
}
