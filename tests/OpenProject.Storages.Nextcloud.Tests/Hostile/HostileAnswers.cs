using System.Text.RegularExpressions;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.Tests.Health;

namespace OpenProject.Storages.Nextcloud.Tests.Hostile;

/// <summary>
/// Every answer shape the provider reads a number or a date from, in the recorded shapes
/// (<see cref="Recorded"/>, <see cref="SetupResponses"/>), and every numeric or date field in them, found
/// mechanically, so that a field added to a shape is attacked without anyone listing it.
/// </summary>
internal static partial class HostileAnswers
{
    public const string Propfind = "propfind";
    public const string FileInfo = "fileinfo";
    public const string FilesInfo = "filesinfo";
    public const string DirectDownload = "direct";
    public const string UploadToken = "upload-token";
    public const string Token = "token";
    public const string Status = "status.php";
    public const string Capabilities = "capabilities";
    public const string CurrentUser = "cloud-user";
    public const string TechnicalUser = "cloud-user-technical";
    public const string TeamFolder = "team-folder";

    private const string SelfHref = "/remote.php/dav/files/alice/Project%20Docs/";

    /// <summary>The shapes, by name. The PROPFIND answer is re-rooted at whatever path was asked for (<see cref="ForPath"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string> Shapes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Propfind] = Recorded.FolderListing.Replace("<oc:size>20</oc:size><oc:owner-display-name>Alice Example</oc:owner-display-name><nc:creation_time>1700000000", "<d:getcontentlength>20</d:getcontentlength><oc:size>20</oc:size><oc:owner-display-name>Alice Example</oc:owner-display-name><nc:creation_time>1700000000", StringComparison.Ordinal),
        [FileInfo] = Recorded.FileInfoV1,
        [FilesInfo] = """{"ocs":{"meta":{"status":"ok","statuscode":100,"message":"OK","totalitems":"","itemsperpage":""},"data":{""" + Recorded.FilesInfoEntry(35) + "," + Recorded.FilesInfoEntry(36) + "}}}",
        [DirectDownload] = Recorded.DirectDownload,
        [UploadToken] = Recorded.UploadToken,
        [Token] = """{"access_token":"access2Bearer","token_type":"Bearer","expires_in":3600,"refresh_token":"refresh-2","user_id":"alice"}""",
        [Status] = SetupResponses.Status(),
        [Capabilities] = SetupResponses.Capabilities(),
        [CurrentUser] = SetupResponses.CurrentUser("alice"),
        [TechnicalUser] = SetupResponses.CurrentUser("OpenProject"),
        [TeamFolder] = SetupResponses.TeamFolder(children: [("Apollo (1)", 101), ("Gemini (2)", 102)]),
    };

    /// <summary>What a field of each kind is replaced with: beyond every integer type, negative, not a number, empty, far-off dates.</summary>
    private static readonly Dictionary<FieldKind, string[]> Values = new()
    {
        [FieldKind.JsonNumber] = ["9223372036854775807", "-9223372036854775808", "-1", "0", "1e30", "99999999999", "\"\"", "\"abc\"", "null", "[]"],
        [FieldKind.JsonVersion] = ["99999999999.0.0", "99999999999", "-1.0.0", "1e30", "", "abc"],
        [FieldKind.XmlValue] = ["9223372036854775807", "-1", "1e30", "99999999999", "", "abc", "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "Sat, 01 Jan 10000 00:00:00 GMT"],
    };

    private enum FieldKind
    {
        JsonNumber,
        JsonVersion,
        XmlValue,
    }

    /// <summary>Every (shape, field, occurrence, hostile value) to try.</summary>
    public static TheoryData<string, string, int, string> Cases()
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (var (shape, body) in Shapes)
        {
            foreach (var site in Sites(body))
            {
                foreach (var value in Values[site.Kind])
                {
                    data.Add(shape, site.Field, site.Occurrence, value);
                }
            }
        }

        return data;
    }

    /// <summary>The shape's body with the <paramref name="occurrence"/>-th site of <paramref name="field"/> replaced by <paramref name="value"/>.</summary>
    public static string Substitute(string shape, string field, int occurrence, string value)
    {
        var site = Sites(Shapes[shape]).Single(s => s.Field == field && s.Occurrence == occurrence);
        var body = Shapes[shape];
        return string.Concat(body.AsSpan(0, site.Index), value, body.AsSpan(site.Index + site.Length));
    }

    /// <summary>Where in the body a site sits, so a test can tell which entry it damaged.</summary>
    public static int IndexOf(string shape, string field, int occurrence) =>
        Sites(Shapes[shape]).Single(s => s.Field == field && s.Occurrence == occurrence).Index;

    /// <summary>The PROPFIND answer for the path that was asked for: its first response is that path, the second a child.</summary>
    public static string ForPath(string body, string relativePath) =>
        body.Replace(SelfHref, "/" + relativePath + "/", StringComparison.Ordinal);

    private static List<Site> Sites(string body)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var sites = new List<Site>();
        foreach (var (regex, kind) in new[] { (JsonNumber(), FieldKind.JsonNumber), (JsonVersion(), FieldKind.JsonVersion), (XmlValue(), FieldKind.XmlValue) })
        {
            foreach (Match match in regex.Matches(body))
            {
                var field = match.Groups["name"].Value;
                var occurrence = seen[field] = seen.GetValueOrDefault(field) + 1;
                var value = match.Groups["value"];
                sites.Add(new Site(field, occurrence, kind, value.Index, value.Length));
            }
        }

        return sites;
    }

    [GeneratedRegex("\"(?<name>[a-z_]+)\":(?<value>-?[0-9]+)")]
    private static partial Regex JsonNumber();

    [GeneratedRegex("\"(?<name>[a-z_]*version[a-z_]*|string)\":\"(?<value>[0-9][^\"]*)\"")]
    private static partial Regex JsonVersion();

    [GeneratedRegex("<(?<name>[a-z]+:[a-z_-]+)>(?<value>[^<]*[0-9][^<]*)</\\k<name>>")]
    private static partial Regex XmlValue();

    private sealed record Site(string Field, int Occurrence, FieldKind Kind, int Index, int Length);
}
