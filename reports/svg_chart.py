"""A line chart as plain numbers for a QWeb template to draw in SVG.

The PDF engine (wkhtmltopdf) runs no chart library, so the chart is computed
on the server: this module only returns coordinates and labels, and the
template writes them into <svg> elements through escaped attributes.
"""
import math

# Distinguishable for most forms of colour blindness (Okabe-Ito), then greys.
PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442',
           '#000000', '#777777', '#BBBBBB']
WIDTH, HEIGHT = 700, 260
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 12, 28
MAX_TICK_LABELS = 12


def line_chart(labels, series, low, high, value_label='%.2f'.__mod__):
    """Chart of ``series`` (a list of (name, values), one value per label,
    None where there is nothing to show) on a vertical scale low..high;
    ``value_label`` writes a value as its reader reads numbers."""
    width, height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(labels)

    def x_of(index):
        if count == 1:
            return LEFT + width / 2.0
        return LEFT + width * index / float(count - 1)

    def y_of(value):
        return TOP + height * (high - value) / float(high - low)

    step = int(math.ceil(count / float(MAX_TICK_LABELS))) or 1
    chart = {
        'width': WIDTH,
        'height': HEIGHT,
        'left': LEFT,
        'right': WIDTH - RIGHT,
        'bottom': HEIGHT - BOTTOM,
        'grid': [{'y': round(y_of(value), 1), 'label': str(value)}
                 for value in range(int(low), int(high) + 1)],
        'ticks': [{'x': round(x_of(index), 1), 'label': label, 'anchor': _anchor(index, count)}
                  for index, label in enumerate(labels) if index % step == 0],
        'series': [],
    }
    for number, (name, values) in enumerate(series):
        points, lines, current = [], [], None
        for index, value in enumerate(values):
            if value is None:
                current = None  # a gap: the line stops and starts again after it
                continue
            point = {'x': round(x_of(index), 1), 'y': round(y_of(value), 1),
                     'value': value_label(value)}
            points.append(point)
            if current is None:
                current = []
                lines.append(current)
            current.append('%s,%s' % (point['x'], point['y']))
        chart['series'].append({
            'name': name,
            'color': PALETTE[number % len(PALETTE)],
            'points': points,
            'lines': [' '.join(line) for line in lines if len(line) > 1],
        })
    return chart


def _anchor(index, count):
    """Labels at the ends of the axis stay inside the chart."""
    if count > 1 and index == 0:
        return 'start'
    if count > 1 and index == count - 1:
        return 'end'
    return 'middle'
