package dev.access.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** Log-scale PNG charts drawn with java.awt in headless mode (no plotting library needed). */
final class Charts {
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private Charts() {
    }

    /** A named series of (x, y) points; {@code flat} draws a horizontal reference line at y. */
    record Series(String name, List<double[]> points, boolean flat) {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A log-log line chart. */
    static void lines(Path file, String title, String xLabel, String yLabel, List<Series> series) throws IOException {
        int w = 1000;
        int h = 620;
        int left = 90;
        int right = 300;
        int top = 50;
        int bottom = 70;
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double[] p : s.points) {
                if (!s.flat) {
                    xMin = Math.min(xMin, p[0]);
                    xMax = Math.max(xMax, p[0]);
                }
                yMin = Math.min(yMin, p[1]);
                yMax = Math.max(yMax, p[1]);
            }
        }
        if (xMin == Double.MAX_VALUE) {
            return;
        }
        double lx0 = Math.floor(Math.log10(xMin));
        double lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(xMax)));
        double ly0 = Math.floor(Math.log10(yMin));
        double ly1 = Math.max(ly0 + 1, Math.ceil(Math.log10(yMax)));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img, title);
        int pw = w - left - right;
        int ph = h - top - bottom;
        axes(g, left, top, pw, ph, lx0, lx1, ly0, ly1, true);
        label(g, xLabel, yLabel, left, top, pw, ph);
        int i = 0;
        for (Series s : series) {
            g.setColor(PALETTE[i % PALETTE.length]);
            if (s.flat) {
                g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
                int y = yPix(s.points.get(0)[1], ly0, ly1, top, ph);
                g.drawLine(left, y, left + pw, y);
            } else {
                g.setStroke(new BasicStroke(2.2f));
                int[] prev = null;
                for (double[] p : s.points) {
                    int x = left + (int) Math.round((Math.log10(p[0]) - lx0) / (lx1 - lx0) * pw);
                    int y = yPix(p[1], ly0, ly1, top, ph);
                    g.fillOval(x - 4, y - 4, 8, 8);
                    if (prev != null) {
                        g.drawLine(prev[0], prev[1], x, y);
                    }
                    prev = new int[] {x, y};
                }
            }
            legend(g, s.name, i, w - right + 15, top + 10);
            i++;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /** A grouped bar chart with a log y axis: groups → (bar name → value). */
    static void bars(Path file, String title, String yLabel, Map<String, Map<String, Double>> groups) throws IOException {
        List<String> barNames = new ArrayList<>();
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (Map<String, Double> g : groups.values()) {
            for (Map.Entry<String, Double> e : g.entrySet()) {
                if (!barNames.contains(e.getKey())) {
                    barNames.add(e.getKey());
                }
                yMin = Math.min(yMin, e.getValue());
                yMax = Math.max(yMax, e.getValue());
            }
        }
        if (groups.isEmpty() || yMin <= 0) {
            return;
        }
        int w = 1100;
        int h = 620;
        int left = 90;
        int right = 260;
        int top = 50;
        int bottom = 110;
        double ly0 = Math.floor(Math.log10(yMin));
        double ly1 = Math.max(ly0 + 1, Math.ceil(Math.log10(yMax)));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img, title);
        int pw = w - left - right;
        int ph = h - top - bottom;
        axes(g, left, top, pw, ph, 0, 1, ly0, ly1, false);
        label(g, "", yLabel, left, top, pw, ph);
        int groupW = pw / groups.size();
        int barW = Math.max(4, (groupW - 16) / Math.max(1, barNames.size()));
        int gi = 0;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (Map.Entry<String, Map<String, Double>> grp : groups.entrySet()) {
            int gx = left + gi * groupW + 8;
            for (int b = 0; b < barNames.size(); b++) {
                Double v = grp.getValue().get(barNames.get(b));
                if (v == null) {
                    continue;
                }
                int y = yPix(v, ly0, ly1, top, ph);
                g.setColor(PALETTE[b % PALETTE.length]);
                g.fillRect(gx + b * barW, y, barW - 2, top + ph - y);
            }
            g.setColor(Color.BLACK);
            String[] lines = grp.getKey().split("\n");
            for (int l = 0; l < lines.length; l++) {
                g.drawString(lines[l], gx, top + ph + 18 + 15 * l);
            }
            gi++;
        }
        for (int b = 0; b < barNames.size(); b++) {
            g.setColor(PALETTE[b % PALETTE.length]);
            legend(g, barNames.get(b), b, w - right + 15, top + 10);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static Graphics2D start(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(title, 20, 30);
        return g;
    }

    private static int yPix(double v, double ly0, double ly1, int top, int ph) {
        return top + ph - (int) Math.round((Math.log10(v) - ly0) / (ly1 - ly0) * ph);
    }

    private static void axes(Graphics2D g, int left, int top, int pw, int ph, double lx0, double lx1, double ly0,
            double ly1, boolean xLog) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int d = (int) ly0; d <= (int) ly1; d++) {
            int y = yPix(Math.pow(10, d), ly0, ly1, top, ph);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, left + pw, y);
            g.setColor(Color.BLACK);
            g.drawString(pow(d), left - 60, y + 4);
        }
        if (xLog) {
            for (int d = (int) lx0; d <= (int) lx1; d++) {
                int x = left + (int) Math.round((d - lx0) / (lx1 - lx0) * pw);
                g.setColor(new Color(0xdddddd));
                g.drawLine(x, top, x, top + ph);
                g.setColor(Color.BLACK);
                g.drawString(pow(d), x - 14, top + ph + 18);
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
    }

    private static String pow(int d) {
        double v = Math.pow(10, d);
        if (d >= 0 && d <= 6) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return "1e" + d;
    }

    private static void label(Graphics2D g, String x, String y, int left, int top, int pw, int ph) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(x, left + pw / 2 - 60, top + ph + 45);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(y, -(top + ph / 2 + 80), 22);
        r.dispose();
    }

    private static void legend(Graphics2D g, String name, int i, int x, int y) {
        Color c = g.getColor();
        g.fillRect(x, y + i * 22, 14, 14);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(name, x + 20, y + i * 22 + 12);
        g.setColor(c);
    }

    /** Groups in insertion order. */
    static Map<String, Map<String, Double>> groups() {
        return new LinkedHashMap<>();
    }
}
