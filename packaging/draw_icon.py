"""Draw packaging/lvcad.ico, LV CAD's icon (a cable path and a detector), at every size.

Run once when the icon changes: ``uv run --with pillow python packaging/draw_icon.py``.
"""

from pathlib import Path

from PIL import Image, ImageDraw

SIZES = [16, 24, 32, 48, 64, 128, 256]
SCALE = 4  # drawn large, then downsampled: smooth edges without an antialiasing renderer


def draw(size: int) -> Image.Image:
    """The icon at ``size`` pixels square (drawn on a 64-unit grid)."""
    big = size * SCALE
    unit = big / 64
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((2 * unit, 2 * unit, 62 * unit, 62 * unit), 10 * unit, "#1f4e79")
    path = [(12, 50), (12, 14), (40, 14), (52, 28)]
    pen.line([(x * unit, y * unit) for x, y in path], "#f0c419", round(5 * unit), joint="curve")
    for radius, colour in ((10, "#e03c31"), (4, "white")):
        pen.ellipse(
            (
                (40 - radius) * unit,
                (44 - radius) * unit,
                (40 + radius) * unit,
                (44 + radius) * unit,
            ),
            colour,
        )
    return image.resize((size, size), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    largest = draw(SIZES[-1])
    largest.save(
        Path(__file__).with_name("lvcad.ico"),
        sizes=[(size, size) for size in SIZES],
        append_images=[draw(size) for size in SIZES[:-1]],
    )
