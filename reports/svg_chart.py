"""A line chart as plain numbers for a QWeb template to draw in SVG.

The PDF engine (wkhtmltopdf) runs no chart library, so the chart is computed
on the server: this module only returns coordinates and labels, and the
template writes them into <svg> elements through escaped attributes.
"""
import math

# Distinguishable for most forms of colour blindness (Okabe-Ito), then greys.
PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442',
           '#000000', '#777777', '#BBBBBB']
# as wide as the tables of an A4 page printed by wkhtmltopdf; the template scales
# it down (never up) to the width of the page
WIDTH, HEIGHT = 1100, 260
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


# Answers from poor to good: warm to cool (Okabe-Ito), grey in the middle.
RATING_COLOURS = ['#D55E00', '#E69F00', '#BBBBBB', '#56B4E9', '#0072B2']
SCORE_COLOURS = {'detractor': '#D55E00', 'passive': '#BBBBBB', 'promoter': '#0072B2'}
HIDDEN_COLOUR = '#EEEEEE'
BAR_WIDTH, BAR_HEIGHT = 300, 14


def stacked_bar(question_type, segments):
    """One horizontal bar of ``segments`` (dicts with 'count', 'value' and
    'label', in the order of the scale), each as wide as its share; returns
    the rectangles, or None when there is nothing to draw."""
    total = sum(segment['count'] for segment in segments)
    if not total:
        return None
    rects, x = [], 0.0
    for index, segment in enumerate(segments):
        if not segment['count']:
            continue
        width = BAR_WIDTH * float(segment['count']) / total
        rects.append({'x': round(x, 2), 'width': round(width, 2), 'label': segment['label'],
                      'colour': _segment_colour(question_type, segment, index)})
        segment['colour'] = rects[-1]['colour']
        x += width
    return {'width': BAR_WIDTH, 'height': BAR_HEIGHT, 'rects': rects}


def _segment_colour(question_type, segment, index):
    if segment['value'] == 'other':
        return HIDDEN_COLOUR
    if question_type == 'rating':
        return RATING_COLOURS[(int(segment['value']) - 1) % len(RATING_COLOURS)]
    if question_type == 'score':
        value = int(segment['value'])
        return SCORE_COLOURS['promoter' if value >= 9 else 'passive' if value >= 7
                             else 'detractor']
    if question_type == 'yes_no':
        return PALETTE[0] if segment['value'] == 'yes' else PALETTE[5]
    return PALETTE[index % len(PALETTE)]


def heat_colour(value, low, high):
    """Background of a heatmap cell: light orange for the lowest scores,
    white in the middle of the scale, light blue for the highest."""
    if value is None:
        return None
    middle = (low + high) / 2.0
    position = max(-1.0, min(1.0, (value - middle) / (high - middle)))
    target = (0xF4, 0xB1, 0x83) if position < 0 else (0x9D, 0xC3, 0xE6)
    mix = abs(position)
    return '#%02X%02X%02X' % tuple(int(round(255 + (channel - 255) * mix))
                                   for channel in target)
