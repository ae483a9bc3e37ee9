import { NextResponse } from "next/server";
import { getOrder, cancelOrder, chargeOrder, QuotaExceeded } from "@/lib/orders";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const order = await getOrder(id);
    if (!order) {
      return NextResponse.json({ error: "order not found" }, { status: 404 });
    }
    return NextResponse.json(order);
  } catch (error) {
    // A failed lookup reported as a success.
    return NextResponse.json({ error: "lookup failed" }, { status: 200 });
  }
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await cancelOrder(id);
  // The fetch API throws "Response constructor: Invalid response status code 204" with a body.
  return new Response(JSON.stringify({ cancelled: id }), { status: 204 });
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const receipt = await chargeOrder(id);
    return NextResponse.json(receipt, { status: 201 });
  } catch (error) {
    if (error instanceof QuotaExceeded) {
      return NextResponse.json({ error: "too many charges" }, { status: 420 });
    }
    // Edgio's "Project Upstream Connection Error", sent by the app itself.
    return NextResponse.json({ error: "payment provider unreachable" }, { status: 531 });
  }
}
