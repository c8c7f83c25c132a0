using Npgsql;
using NpgsqlTypes;

namespace Diplotrack.Features.Database;

/// <summary>NULL or a value in a binary COPY row: the bulk writers (ingest, re-code, stance) write many nullable columns.</summary>
public static class BinaryCopyExtensions
{
    public static void WriteNullable<T>(this NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : class
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, type);
    }

    public static void WriteNullable<T>(this NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) copy.Write(v, type);
        else copy.WriteNull();
    }
}
