"""Draws Taawun's app icons (three linked rings on green: people working together).

Run once at development time with Pillow (`pip install pillow`); the PNGs are committed, so
building the site needs neither Python nor Pillow. Drawn at 4x and scaled down for smooth edges.
"""
from pathlib import Path

from PIL import Image, ImageDraw

GREEN = (15, 110, 91, 255)
LIGHT = (250, 250, 247, 255)
HERE = Path(__file__).parent


def draw(size: int, maskable: bool) -> Image.Image:
    scale = 4
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        pen.rectangle((0, 0, big, big), fill=GREEN)
        content = 0.62  # within the 80 % safe circle of maskable icons
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=GREEN)
        content = 0.78
    ring = big * content * 0.30
    width = max(2, int(big * content * 0.07))
    centre = big / 2
    offsets = [(0, -0.55), (-0.62, 0.42), (0.62, 0.42)]
    for dx, dy in offsets:
        x = centre + dx * ring
        y = centre + dy * ring + big * 0.02
        pen.ellipse((x - ring, y - ring, x + ring, y + ring), outline=LIGHT, width=width)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    for name, size, maskable in [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
        ("apple-touch-icon.png", 180, True),
    ]:
        # A palette of 32 shades of the two colours keeps the files small and the edges smooth.
        draw(size, maskable).quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(HERE / name, optimize=True)


if __name__ == "__main__":
    main()
