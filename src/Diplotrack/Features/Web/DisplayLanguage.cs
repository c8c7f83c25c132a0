using Diplotrack.Data.Reference;

namespace Diplotrack.Features.Web;

/// <summary>
/// The language a person reads actor names in: Chinese (the default: the corpus is Chinese and so are the editors)
/// or English. A cookie rather than a user column, so that it also works on the sign-in page and needs no migration;
/// it is a display preference, not a secret, so a plain year-long cookie is enough.
/// </summary>
public sealed class DisplayLanguage(IHttpContextAccessor http)
{
    public const string CookieName = "diplotrack.lang";
    public const string Chinese = "zh", English = "en";

    /// <summary>The request's language; Chinese outside a request (CLI, jobs) and for any unknown cookie value.</summary>
    public string Current => http.HttpContext?.Request.Cookies[CookieName] == English ? English : Chinese;

    public bool IsEnglish => Current == English;

    public string NameOf(Actor actor) => IsEnglish ? actor.NameEn : actor.NameZh;

    public string NameOf(string nameZh, string nameEn) => IsEnglish ? nameEn : nameZh;

    public static void Set(HttpResponse response, string language) => response.Cookies.Append(CookieName,
        language == English ? English : Chinese,
        new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = response.HttpContext.Request.IsHttps, Path = "/" });
}
