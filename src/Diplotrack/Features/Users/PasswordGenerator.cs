using System.Security.Cryptography;

namespace Diplotrack.Features.Users;

/// <summary>Generated passwords: 20 characters from an alphabet without look-alikes (about 113 bits), in groups of 5.</summary>
public static class PasswordGenerator
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Generate()
    {
        var chars = RandomNumberGenerator.GetString(Alphabet, 20);
        return string.Join('-', chars.Chunk(5).Select(c => new string(c)));
    }
}
