import "server-only";
import QRCode from "qrcode";

/** The otpauth URL as a QR code: an SVG data URL (the CSP's img-src allows data:). */
export async function qrDataUrl(otpauthUrl: string): Promise<string> {
  const svg = await QRCode.toString(otpauthUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
