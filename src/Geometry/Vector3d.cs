namespace Polytopes.Geometry;

/// <summary>A point or direction of R^3 in doubles, for the few formulas written out in three dimensions
/// (cross and triple products).</summary>
internal readonly record struct Vector3d(double X, double Y, double Z)
{
    public static Vector3d Cross(Vector3d u, Vector3d v) =>
        new(u.Y * v.Z - u.Z * v.Y, u.Z * v.X - u.X * v.Z, u.X * v.Y - u.Y * v.X);

    public static double Dot(Vector3d u, Vector3d v) => u.X * v.X + u.Y * v.Y + u.Z * v.Z;

    public static Vector3d operator +(Vector3d u, Vector3d v) => new(u.X + v.X, u.Y + v.Y, u.Z + v.Z);

    public static Vector3d operator *(double f, Vector3d v) => new(f * v.X, f * v.Y, f * v.Z);

    public static Vector3d operator *(Vector3d v, double f) => new(f * v.X, f * v.Y, f * v.Z);
}
