using System.Net;

namespace Diplotrack.Tests.Web;

internal static class HttpAssert
{
    /// <summary>Asserts a status code and shows the body when it differs (a problem document says why).</summary>
    public static async Task StatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: "
                        + await response.Content.ReadAsStringAsync());
    }
}
